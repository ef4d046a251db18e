// Company settings (账套参数) that change how documents behave.
import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { recordChange } from '../../core/audit-log.js';
import { Decimal } from '../../core/decimal.js';
import { text } from '../../core/text.js';
import type { Executor } from '../../db/database.js';
import { companies } from '../../db/schema.js';
import type { ChainConfig } from '../approvals/approvals.rules.js';
import type { RequestContext } from '../auth/auth.service.js';
import { decimalSchema } from '../masterdata/fields.js';

/** A bill may receive up to twice the open order quantity, no more. */
export const MAX_RECEIPT_TOLERANCE_PCT = 100;

export const settingsSchema = z.object({
  /** P4: default unit price on a new purchase line: 最近进价 (last) or 进货价 (catalogue). */
  defaultPurchasePrice: z.enum(['last', 'catalogue']),
  /** S2: default price on a new sales line: the customer's price level, or its last price. */
  defaultSalesPrice: z.enum(['level', 'last']),
  /** Allow stock to go below zero (then costing continues at the last average). */
  allowNegativeStock: z.boolean(),
  /** S4: the production stages a made-to-order order moves through. */
  productionStages: z.array(text().trim().min(1).max(20)).min(1).max(20),
  /** P2: how far (percent) a bill may receive above the open PO quantity. */
  receiptTolerancePct: decimalSchema('ratio', true).refine((v) => !/^\s*\d+(\.\d+)?\s*$/.test(v) || new Decimal(v.trim()).lte(MAX_RECEIPT_TOLERANCE_PCT), {
    message: `at most ${MAX_RECEIPT_TOLERANCE_PCT} (%)`,
    params: { zh: `不能超过 ${MAX_RECEIPT_TOLERANCE_PCT}（%）` },
  }),
  /**
   * A2 审批流: per document kind (purchase_order, sales_delivery…), the chain of steps —
   * each a role code or a user, optionally only above a total — and whether audit waits
   * for it. A kind with no entry uses its default chain (DEFAULT_CHAINS).
   */
  approvals: z
    .record(
      text().regex(/^[a-z_]{2,32}$/),
      z.object({
        requireBeforeAudit: z.boolean(),
        steps: z
          .array(
            z.object({
              role: text().trim().min(1).max(32).nullable().optional(),
              userId: z.uuid().nullable().optional(),
              aboveTotal: decimalSchema('money', true).nullable().optional(),
            }),
          )
          .max(10),
      }),
    )
    .optional(),
});
export type CompanySettings = z.infer<typeof settingsSchema>;

/**
 * The chains a company starts with. A purchase order goes to the purchasing manager, and
 * above 50,000.00 on to the GM (audit does not wait unless the company says so). A
 * delivery outside the payment rule (S5) and a return request (S7) go to anyone holding
 * the kind's approve permission, as before the engine.
 */
export const DEFAULT_CHAINS: Record<string, ChainConfig> = {
  purchase_order: { requireBeforeAudit: false, steps: [{ role: 'purchasing_manager' }, { role: 'gm', aboveTotal: '50000.00' }] },
};
const OPEN_CHAIN: ChainConfig = { requireBeforeAudit: false, steps: [{}] };

/** The chain configured for a kind, else its default, else one step for any approver. */
export const chainConfig = (s: Pick<CompanySettings, 'approvals'>, kind: string): ChainConfig =>
  (s.approvals?.[kind] as ChainConfig | undefined) ?? DEFAULT_CHAINS[kind] ?? OPEN_CHAIN;

export const DEFAULT_SETTINGS: CompanySettings = {
  defaultPurchasePrice: 'last',
  defaultSalesPrice: 'level',
  allowNegativeStock: false,
  receiptTolerancePct: '0',
  productionStages: ['备料', '裁剪', '缝制', '包装', '完工'],
};

export async function getSettings(db: Executor, companyId: string): Promise<CompanySettings> {
  const [row] = await db.select({ settings: companies.settings }).from(companies).where(eq(companies.id, companyId));
  return { ...DEFAULT_SETTINGS, ...((row?.settings as Partial<CompanySettings>) ?? {}) };
}

export const tolerance = (s: CompanySettings) => new Decimal(s.receiptTolerancePct);

export async function updateSettings(ctx: RequestContext, patch: Partial<CompanySettings>): Promise<CompanySettings> {
  return ctx.db.orm.transaction(async (tx) => {
    const before = await getSettings(tx, ctx.companyId);
    const next = { ...before, ...patch };
    await tx.update(companies).set({ settings: next }).where(eq(companies.id, ctx.companyId));
    await recordChange(tx, ctx, 'update', 'settings', ctx.companyId, before, next);
    return next;
  });
}
