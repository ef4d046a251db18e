// A settlement document on either side of the trade: P8/P9 进货结算 pays a supplier, S8
// 收款单 collects from a customer, from a settlement account, optionally using the money
// paid ahead, allocated to open items (returns count negative). The open account falls by
// what is settled; whatever the total leaves over goes to the balance paid ahead.
import { z } from '@hono/zod-openapi';
import { and, eq, inArray } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { ref } from '../../core/references.js';
import { text } from '../../core/text.js';
import type { Executor } from '../../db/database.js';
import { documents, partnerBalances } from '../../db/schema.js';
import { lockPartnerBalances, postLast, unpost } from '../../ledger/engine.js';
import { changeSettled, lockOpenItems, readOpenItems } from '../../ledger/open-items.js';
import type { RequestContext } from '../auth/auth.service.js';
import { type DocumentKind, type LoadedDocument, postOptions } from '../documents/documents.types.js';
import { decimalSchema } from '../masterdata/fields.js';
import { moneyHeader } from './advance.kind.js';
import { type OpenItem, PAYING, planSettlement, type SettlementProblem, type SettlementSide } from './trade.rules.js';

/** The body's field names on each side of the trade. */
export interface SettlementFields {
  partner: 'supplierId' | 'customerId';
  /** 付款总额 / 收款总额: paid or received now through the account. */
  total: 'paymentTotal' | 'receiptTotal';
  /** The prepaid (advance) balance used to settle. */
  used: 'prepaymentUsed' | 'advanceUsed';
}

function settlementSchema(f: SettlementFields) {
  const supplier = f.partner === 'supplierId';
  return z.object({
    [f.partner]: ref(supplier ? 'supplier' : 'customer'),
    accountId: ref('account'),
    date: z.iso.date(),
    [f.total]: decimalSchema('money', true),
    [f.used]: decimalSchema('money', true).optional(),
    allocations: z
      .array(z.object({ documentId: ref(supplier ? 'payableDocument' : 'receivableDocument'), amount: decimalSchema('money', true) }))
      .max(2000)
      .default([]),
    employeeId: ref('employee').nullable().optional(),
    remark: text().trim().max(500).nullable().optional(),
  });
}

function problemError(side: SettlementSide, p: SettlementProblem, numbers: Map<string, string>) {
  const n = (id: string) => numbers.get(id) ?? id;
  switch (p.code) {
    case 'ALLOCATION_NOT_OPEN':
      return errors.unprocessable(
        p.code,
        `${n(p.documentId)} 不是该${side.partnerZh}待结算的已审核单据`,
        `${n(p.documentId)} is not an open audited document of this ${side.partnerEn}`,
        { documentId: p.documentId },
      );
    case 'ALLOCATION_EXCEEDS_OPEN':
      return errors.conflict(
        p.code,
        `${n(p.documentId)} 本次结算 ${p.amount.toFixed(2)} 超过未结金额 ${p.open.toFixed(2)}`,
        `${n(p.documentId)}: ${p.amount.toFixed(2)} exceeds the open ${p.open.toFixed(2)}`,
        {
          documentId: p.documentId,
          open: p.open.toFixed(2),
          amount: p.amount.toFixed(2),
        },
      );
    case 'ALLOCATION_NOT_POSITIVE':
      return errors.unprocessable(p.code, `${n(p.documentId)} 的结算金额必须大于 0`, `${n(p.documentId)}: the amount must be above 0`, {
        documentId: p.documentId,
      });
    case 'ALLOCATION_DUPLICATE':
      return errors.unprocessable(p.code, `${n(p.documentId)} 重复出现`, `${n(p.documentId)} is listed twice`, { documentId: p.documentId });
    case 'SETTLEMENT_EXCEEDS_PAYMENT':
      return errors.unprocessable(
        p.code,
        `结算合计 ${p.settled.toFixed(2)} 超过${side.totalZh}加${side.prepaidZh} ${p.available.toFixed(2)}`,
        `Settled ${p.settled.toFixed(2)} exceeds ${side.totalEn} plus ${side.prepaidEn.toLowerCase()} used ${p.available.toFixed(2)}`,
        {
          settled: p.settled.toFixed(2),
          available: p.available.toFixed(2),
        },
      );
    case 'NEGATIVE_AMOUNT':
      return errors.unprocessable(p.code, '金额不能为负', 'Amounts must not be negative');
    case 'SETTLEMENT_EMPTY':
      return errors.unprocessable(p.code, `没有${side.totalZh}，也没有要结算的单据`, `There is no ${side.totalEn} and no document to settle`, {
        field: side === PAYING ? 'paymentTotal' : 'receiptTotal',
      });
  }
}

async function documentNumbers(db: Executor, ctx: RequestContext, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: documents.id, number: documents.number })
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), inArray(documents.id, ids)));
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** The items a settlement of this partner may allocate to: its own, on the right account. */
function itemsFor(locked: Awaited<ReturnType<typeof lockOpenItems>>, partnerId: string, account: SettlementSide['open']): Map<string, OpenItem> {
  const out = new Map<string, OpenItem>();
  for (const [id, it] of locked) if (it.partnerId === partnerId && it.account === account) out.set(id, it);
  return out;
}

async function advanceBalance(db: Executor, ctx: RequestContext, partnerId: string, account: SettlementSide['prepaid']): Promise<Decimal> {
  const [row] = await db
    .select({ balance: partnerBalances.balance })
    .from(partnerBalances)
    .where(and(eq(partnerBalances.companyId, ctx.companyId), eq(partnerBalances.partnerId, partnerId), eq(partnerBalances.account, account)));
  return new Decimal(row?.balance ?? 0);
}

function checkPrepaidUse(side: SettlementSide, used: Decimal, balance: Decimal) {
  if (used.gt(Decimal.max(balance, 0))) {
    throw errors.unprocessable(
      'PREPAYMENT_INSUFFICIENT',
      `使用${side.prepaidZh} ${used.toFixed(2)} 超过${side.prepaidZh}余额 ${balance.toFixed(2)}`,
      `${side.prepaidEn} used ${used.toFixed(2)} exceeds the balance ${balance.toFixed(2)}`,
      {
        prepaid: balance.toFixed(2),
        used: used.toFixed(2),
      },
    );
  }
}

function inputOf(doc: LoadedDocument) {
  return {
    paymentTotal: new Decimal(doc.header.paymentTotal ?? 0),
    prepaymentUsed: new Decimal(doc.header.prepaymentUsed ?? 0),
    allocations: doc.lines.map((l) => ({ documentId: l.refDocumentId as string, amount: new Decimal(l.total) })),
  };
}

/** One side of the trade's settlement document: its names, its partner and its accounts. */
export interface SettlementKindSpec extends Pick<DocumentKind, 'kind' | 'prefix' | 'resource' | 'zh' | 'en' | 'partner'> {
  fields: SettlementFields;
  money: SettlementSide;
  /** Refuses a partner that is missing, inactive or not of this company. */
  requirePartner(db: Executor, ctx: RequestContext, id: unknown): Promise<unknown>;
}

export function settlementKind(spec: SettlementKindSpec): DocumentKind {
  const { fields, money, requirePartner, ...names } = spec;
  const schema = settlementSchema(fields);
  /** A refusal of the plan, naming the documents by number. */
  const refuse = async (db: Executor, ctx: RequestContext, problem: SettlementProblem, ids: string[]) =>
    problemError(money, problem, await documentNumbers(db, ctx, ids));
  return {
    ...names,
    createSchema: schema,

    async build(tx, ctx, body) {
      const b = schema.parse(body) as {
        accountId: string;
        date: string;
        allocations: { documentId: string; amount: string }[];
        employeeId?: string | null;
        remark?: string | null;
      } & Record<string, unknown>;
      const header = await moneyHeader(tx, ctx, requirePartner, b[fields.partner] as string, b);
      const partnerId = header.partnerId;
      const input = {
        paymentTotal: new Decimal(b[fields.total] as string),
        prepaymentUsed: new Decimal((b[fields.used] as string | undefined) ?? '0'),
        allocations: b.allocations.map((a) => ({ documentId: a.documentId, amount: new Decimal(a.amount) })),
      };
      const ids = input.allocations.map((a) => a.documentId);
      // Checked now for a clear error at once, and again under lock at audit.
      const items = await readOpenItems(tx, ctx.companyId, ids);
      const planned = planSettlement(partnerId, b.accountId, input, itemsFor(items, partnerId, money.open), money);
      if (!planned.ok) throw await refuse(tx, ctx, planned.problem, ids);
      checkPrepaidUse(money, input.prepaymentUsed, await advanceBalance(tx, ctx, partnerId, money.prepaid));
      const changes = new Map(planned.plan.itemChanges.map((c) => [c.documentId, c.change]));
      const settled = planned.plan.settled.toFixed(2);
      return {
        header: {
          ...header,
          paymentTotal: input.paymentTotal.toFixed(2),
          prepaymentUsed: input.prepaymentUsed.toFixed(2),
          amount: settled,
          total: settled,
        },
        lines: input.allocations.map((a) => ({
          refDocumentId: a.documentId,
          amount: (changes.get(a.documentId) as Decimal).toFixed(2),
          total: a.amount.toFixed(2),
        })),
      };
    },

    async audit(tx, ctx, doc) {
      const input = inputOf(doc);
      const partnerId = doc.header.partnerId as string;
      const ids = input.allocations.map((a) => a.documentId);
      const locked = await lockOpenItems(tx, ctx.companyId, ids);
      const planned = planSettlement(partnerId, doc.header.accountId as string, input, itemsFor(locked, partnerId, money.open), money);
      if (!planned.ok) throw await refuse(tx, ctx, planned.problem, ids);
      // Under lock: two settlements racing must not both spend the same prepaid balance.
      checkPrepaidUse(money, input.prepaymentUsed, (await lockPartnerBalances(tx, ctx.companyId, partnerId)).get(money.prepaid) ?? new Decimal(0));
      await changeSettled(tx, ctx.companyId, planned.plan.itemChanges);
      await postLast(tx, ctx.companyId, doc.header.id, planned.plan.posting, postOptions(doc));
    },

    async unaudit(tx, ctx, doc) {
      const ids = doc.lines.map((l) => l.refDocumentId as string);
      await lockOpenItems(tx, ctx.companyId, ids);
      await changeSettled(
        tx,
        ctx.companyId,
        doc.lines.map((l) => ({ documentId: l.refDocumentId as string, change: new Decimal(l.amount).negated() })),
      );
      await unpost(tx, ctx.companyId, doc.header.id, doc.settings);
    },

    async describe(db, ctx, doc) {
      const numbers = await documentNumbers(
        db,
        ctx,
        doc.lines.map((l) => l.refDocumentId as string),
      );
      const input = inputOf(doc);
      const settled = new Decimal(doc.header.total);
      return {
        // The totals under this side's names (the header has them as paymentTotal / prepaymentUsed).
        [fields.total]: doc.header.paymentTotal,
        [fields.used]: doc.header.prepaymentUsed,
        settled: settled.toFixed(2),
        surplus: input.paymentTotal.plus(input.prepaymentUsed).minus(settled).toFixed(2),
        allocations: doc.lines.map((l) => ({
          documentId: l.refDocumentId,
          number: numbers.get(l.refDocumentId as string) ?? null,
          amount: l.total,
          signedAmount: l.amount,
        })),
      };
    },
  };
}
