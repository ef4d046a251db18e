import { kindsEn, kindsZh } from '../documents/kinds/messages';
import { approvalsEn, approvalsZh } from './approvals';
import { documentsEn, documentsZh } from './documents';
import { financeEn, financeZh } from './finance';
import { salesEn, salesZh } from './sales';
import { shellEn, shellZh } from './shell';
import { systemEn, systemZh } from './system';
import { warehouseEn, warehouseZh } from './warehouse';

// UI dictionary, one file per module (a document kind's words in its folder). zh-CN is the
// source of truth: its keys define MsgKey, and the English table must provide every key
// (the type checker enforces it). Placeholders are written {name} and filled by t(key, { name }).

export const zhCN = {
  ...shellZh,
  ...documentsZh,
  ...warehouseZh,
  ...financeZh,
  ...systemZh,
  ...salesZh,
  ...kindsZh,
  ...approvalsZh,
};

export type MsgKey = keyof typeof zhCN;

export const en: Record<MsgKey, string> = {
  ...shellEn,
  ...documentsEn,
  ...warehouseEn,
  ...financeEn,
  ...systemEn,
  ...salesEn,
  ...kindsEn,
  ...approvalsEn,
};
