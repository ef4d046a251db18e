// Append-only log of who changed what and when. Written in the same transaction as the
// change, so a change and its record stand or fall together.
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { auditLog } from '../db/schema.js';

export interface Actor {
  companyId: string;
  userId: string | null;
}

export async function recordChange(
  tx: Executor,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  await tx.insert(auditLog).values({
    companyId: actor.companyId,
    userId: actor.userId,
    action,
    entity,
    entityId,
    before: before ?? null,
    after: after ?? null,
  });
}

export async function changesOf(db: Executor, companyId: string, entity: string, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.companyId, companyId), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.id));
}
