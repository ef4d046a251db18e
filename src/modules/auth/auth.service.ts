// Login, sessions and the request context. A session is bound to one company (账套);
// everything the user does afterwards is scoped to it.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordChange } from '../../core/audit-log.js';
import { errors } from '../../core/errors.js';
import { type Database, defineStatement, type Tx } from '../../db/database.js';
import { companies, employees, loginThrottles, memberships, roles, sessions, users } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import { ADDRESS_WINDOW_MINUTES, afterAccountFailure, afterAddressFailure, LAST_ADMIN_MAX_DELAY_SECONDS, MAX_FAILED_LOGINS } from './login-throttle.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import type { Permission } from './permissions.js';

export const SESSION_HOURS = 12;

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

export async function login(db: Database, username: string, password: string, companyId?: string, address = 'unknown') {
  const now = new Date();
  const [byAddress] = await db.orm.select().from(loginThrottles).where(eq(loginThrottles.address, address));
  if (byAddress?.blockedUntil && byAddress.blockedUntil > now) throw errors.loginThrottled(byAddress.blockedUntil, now, 'address');
  const [user] = await db.orm.select().from(users).where(eq(users.username, username));
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    await addressFailed(db, address);
    throw errors.badCredentials();
  }
  const lastAdmin = await isLastActiveAdmin(db, user.id);
  if (user.lockedUntil && user.lockedUntil > now) {
    if (user.failedAttempts >= MAX_FAILED_LOGINS && !lastAdmin) throw errors.accountLocked(user.lockedUntil);
    // The last administrator waits at most the short cap, whatever an older lock said.
    const until = lastAdmin ? new Date(Math.min(user.lockedUntil.getTime(), now.getTime() + LAST_ADMIN_MAX_DELAY_SECONDS * 1000)) : user.lockedUntil;
    if (until > now) throw errors.loginThrottled(until, now, 'account');
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    await addressFailed(db, address);
    const lockedUntil = await transaction(db, async (tx) => {
      // Counted in the database so two servers share the count.
      const [row] = await tx
        .update(users)
        .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failures: users.failedAttempts });
      const verdict = afterAccountFailure(row.failures, lastAdmin);
      const until =
        verdict.kind === 'lock'
          ? new Date(now.getTime() + verdict.minutes * 60_000)
          : verdict.kind === 'delay'
            ? new Date(now.getTime() + verdict.seconds * 1000)
            : null;
      await tx.update(users).set({ lockedUntil: until }).where(eq(users.id, user.id));
      if (verdict.kind === 'lock') await logLock(tx, user.id, { username: user.username, failures: row.failures, lockedUntil: until?.toISOString(), address });
      return verdict.kind === 'lock' ? until : null;
    });
    if (lockedUntil) throw errors.accountLocked(lockedUntil);
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

/** One more failure from a client address; slows it once it has made too many. */
async function addressFailed(db: Database, address: string): Promise<void> {
  const fresh = sql`${loginThrottles.lastFailureAt} < now() - make_interval(mins => ${ADDRESS_WINDOW_MINUTES})`;
  const [row] = await db.orm
    .insert(loginThrottles)
    .values({ address, failures: 1 })
    .onConflictDoUpdate({
      target: loginThrottles.address,
      set: { failures: sql`CASE WHEN ${fresh} THEN 1 ELSE ${loginThrottles.failures} + 1 END`, lastFailureAt: sql`now()` },
    })
    .returning({ failures: loginThrottles.failures });
  const seconds = afterAddressFailure(row.failures);
  if (seconds === 0) return;
  await db.orm
    .update(loginThrottles)
    .set({ blockedUntil: sql`now() + make_interval(secs => ${seconds})` })
    .where(eq(loginThrottles.address, address));
  if (row.failures === ADDRESS_FREE_LOG_AT) console.warn(`login: address ${address} slowed down after ${row.failures} failed logins`);
}
const ADDRESS_FREE_LOG_AT = 11;

/**
 * Whether the user is, in some company, the only administrator (one who may unlock
 * users) who is active and not locked: then nobody else could unlock this user.
 */
async function isLastActiveAdmin(db: Database, userId: string): Promise<boolean> {
  const { rows } = (await db.orm.execute(sql`
    SELECT EXISTS (
      SELECT 1 FROM memberships m JOIN roles r ON r.company_id = m.company_id AND r.id = ANY (m.role_ids)
      WHERE m.user_id = ${userId} AND m.active AND r.active AND 'users:edit' = ANY (r.permissions)
        AND NOT EXISTS (
          SELECT 1 FROM memberships m2
          JOIN roles r2 ON r2.company_id = m2.company_id AND r2.id = ANY (m2.role_ids)
          JOIN users u2 ON u2.id = m2.user_id
          WHERE m2.company_id = m.company_id AND m2.user_id <> m.user_id AND m2.active AND r2.active
            AND 'users:edit' = ANY (r2.permissions) AND (u2.locked_until IS NULL OR u2.locked_until <= now())
        )
    ) AS last`)) as unknown as { rows: { last: boolean }[] };
  return rows[0]?.last === true;
}

/** A lock goes into the audit log of every company the user works in. */
async function logLock(tx: Tx, userId: string, detail: Record<string, unknown>): Promise<void> {
  const member = await tx.select({ companyId: memberships.companyId }).from(memberships).where(eq(memberships.userId, userId));
  for (const m of member) await recordChange(tx, { companyId: m.companyId, userId: null }, 'lock', 'user', userId, null, detail);
  console.warn(`login: account ${String(detail.username)} locked until ${String(detail.lockedUntil)} after ${String(detail.failures)} failed logins`);
}
