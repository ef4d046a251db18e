// Login, sessions and the request context. A session is bound to one company (账套);
// everything the user does afterwards is scoped to it.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordChange } from '../../core/audit-log.js';
import { errors } from '../../core/errors.js';
import { type Database, defineStatement } from '../../db/database.js';
import { companies, employees, memberships, roles, sessions, users } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import type { Permission } from './permissions.js';

export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface RequestContext {
  db: Database;
  companyId: string;
  userId: string;
  username: string;
  permissions: Set<string>;
}

export function can(ctx: Pick<RequestContext, 'permissions'>, permission: Permission): boolean {
  return ctx.permissions.has(permission);
}

export function require(ctx: Pick<RequestContext, 'permissions'>, permission: Permission): void {
  if (!ctx.permissions.has(permission)) throw errors.forbidden(permission);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function login(db: Database, username: string, password: string, companyId?: string) {
  const [user] = await db.orm.select().from(users).where(eq(users.username, username));
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    throw errors.badCredentials();
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) throw errors.accountLocked(user.lockedUntil);
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    // Counted in the database so two servers share the count; the lock starts on the
    // MAX-th consecutive failure.
    const [row] = await db.orm
      .update(users)
      .set({
        failedAttempts: sql`${users.failedAttempts} + 1`,
        lockedUntil: sql`CASE WHEN ${users.failedAttempts} + 1 >= ${MAX_FAILED_LOGINS} THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE NULL END`,
      })
      .where(eq(users.id, user.id))
      .returning({ lockedUntil: users.lockedUntil });
    if (row?.lockedUntil) throw errors.accountLocked(row.lockedUntil);
    throw errors.badCredentials();
  }
  const member = await db.orm
    .select({ companyId: memberships.companyId })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(and(eq(memberships.userId, user.id), eq(memberships.active, true)))
    .orderBy(asc(companies.createdAt));
  const chosen = companyId ? member.find((m) => m.companyId === companyId) : member[0];
  if (!chosen) throw errors.forbidden('company');
  const token = randomBytes(32).toString('base64url');
  await transaction(db, async (tx) => {
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      tokenHash: tokenHash(token),
      userId: user.id,
      companyId: chosen.companyId,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
    });
    await recordChange(tx, { companyId: chosen.companyId, userId: user.id }, 'login', 'session', user.id, null, null);
  });
  return { token, expiresInSeconds: SESSION_HOURS * 3600 };
}

export async function logout(db: Database, token: string): Promise<void> {
  await db.orm.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
  forgetSessions(db);
}

export async function switchCompany(db: Database, token: string, userId: string, companyId: string): Promise<void> {
  const [m] = await db.orm
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.companyId, companyId), eq(memberships.active, true)));
  if (!m) throw errors.forbidden('company');
  await db.orm
    .update(sessions)
    .set({ companyId })
    .where(eq(sessions.tokenHash, tokenHash(token)));
  forgetSessions(db);
}

/**
 * How long a server answers a session from memory. Every request resolves its session,
 * so this saves a round trip per request; whatever changes sessions or permissions in
 * this process (log-out, switching company, users, roles) forgets them at once, and
 * another server of the same database sees such a change within this time.
 */
export const SESSION_CACHE_MS = 2_000;
const SESSION_CACHE_MAX = 10_000;

interface CachedSession {
  ctx: Omit<RequestContext, 'db'>;
  until: number;
  expiresAt: number;
}

const sessionCache = new WeakMap<Database, Map<string, CachedSession>>();
// Bumped by every forget: a session read that began before a change and answers after it
// must not put what it read back into the cache.
const generation = new WeakMap<Database, number>();

/** Forgets every session this process holds for the database (after a change to who may do what). */
export function forgetSessions(db: Database): void {
  generation.set(db, (generation.get(db) ?? 0) + 1);
  sessionCache.get(db)?.clear();
}

const sessionStatement = defineStatement<{ hash: string }>(
  'erp_session',
  (arg) => sql`
    SELECT s.user_id, s.company_id, u.username, (extract(epoch FROM s.expires_at) * 1000)::float8 AS expires_ms,
           coalesce((SELECT array_agg(DISTINCT p) FROM roles r, unnest(r.permissions) AS p
                      WHERE r.company_id = s.company_id AND r.active AND r.id = ANY(m.role_ids)), '{}') AS permissions
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    JOIN memberships m ON m.company_id = s.company_id AND m.user_id = s.user_id AND m.active
    WHERE s.token_hash = ${arg('hash')} AND s.expires_at > now()`,
);

/** Resolves a session cookie to the request context; undefined when not logged in. */
export async function resolveSession(db: Database, token: string): Promise<RequestContext | undefined> {
  const hash = tokenHash(token);
  const now = Date.now();
  let cache = sessionCache.get(db);
  const hit = cache?.get(hash);
  if (hit && hit.until > now && hit.expiresAt > now) return { db, ...hit.ctx };
  const readAt = generation.get(db) ?? 0;
  const res = await sessionStatement<{ user_id: string; company_id: string; username: string; expires_ms: number; permissions: string[] | string }>(db.orm, {
    hash,
  });
  const row = res.rows[0];
  if (!row) {
    cache?.delete(hash);
    return undefined;
  }
  const permissions = Array.isArray(row.permissions) ? row.permissions : parsePgTextArray(row.permissions);
  const ctx = { companyId: row.company_id, userId: row.user_id, username: row.username, permissions: new Set(permissions) };
  if ((generation.get(db) ?? 0) === readAt) {
    if (!cache) {
      cache = new Map();
      sessionCache.set(db, cache);
    }
    if (cache.size >= SESSION_CACHE_MAX) cache.clear();
    cache.set(hash, { ctx, until: now + SESSION_CACHE_MS, expiresAt: Number(row.expires_ms) });
  }
  return { db, ...ctx };
}

/** A text[] that arrived as its literal ('{a,b}'): permission names never need quoting. */
function parsePgTextArray(literal: string): string[] {
  const inner = literal.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((x) => x.replace(/^"|"$/g, '')) : [];
}

export async function permissionsOf(db: Database, companyId: string, roleIds: string[]): Promise<Set<string>> {
  if (roleIds.length === 0) return new Set();
  const rows = await db.orm
    .select({ permissions: roles.permissions, id: roles.id })
    .from(roles)
    .where(and(eq(roles.companyId, companyId), eq(roles.active, true)));
  const wanted = new Set(roleIds);
  return new Set(rows.filter((r) => wanted.has(r.id)).flatMap((r) => r.permissions));
}

export async function sessionInfo(ctx: RequestContext) {
  const db = ctx.db.orm;
  const [user] = await db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(eq(users.id, ctx.userId));
  const list = await db
    .select({ id: companies.id, code: companies.code, name: companies.name, roleIds: memberships.roleIds, employeeId: memberships.employeeId })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(and(eq(memberships.userId, ctx.userId), eq(memberships.active, true)))
    .orderBy(asc(companies.createdAt));
  const current = list.find((c) => c.id === ctx.companyId);
  const roleRows = current?.roleIds.length
    ? (await db.select({ id: roles.id, code: roles.code, name: roles.name }).from(roles).where(eq(roles.companyId, ctx.companyId))).filter((r) =>
        current.roleIds.includes(r.id),
      )
    : [];
  // The signed-in user's employee record in this company: documents default 经手人 to it.
  const [employee] = current?.employeeId
    ? await db
        .select({ id: employees.id, name: employees.name })
        .from(employees)
        .where(and(eq(employees.companyId, ctx.companyId), eq(employees.id, current.employeeId)))
    : [];
  return {
    user: user ? { ...user, employeeId: employee?.id ?? null, employeeName: employee?.name ?? null } : user,
    company: current ? { id: current.id, code: current.code, name: current.name } : null,
    companies: list.map(({ id, code, name }) => ({ id, code, name })),
    permissions: [...ctx.permissions].sort(),
    roles: roleRows,
  };
}
