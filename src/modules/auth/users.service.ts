// Users of the current company: a global login plus this company's membership (roles,
// linked employee, active). Deactivating removes the membership's access and sessions.
import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { recordChange } from '../../core/audit-log.js';
import { errors } from '../../core/errors.js';
import { writeSheet } from '../../core/excel.js';
import { type Reference, requireReferences, TARGETS } from '../../core/references.js';
import type { Executor } from '../../db/database.js';
import { memberships, roles, sessions, users } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import { forgetSessions, type RequestContext } from './auth.service.js';
import { hashPassword } from './passwords.js';

export interface UserInput {
  username?: string;
  displayName?: string;
  password?: string;
  employeeId?: string | null;
  roleIds?: string[];
  active?: boolean;
  locked?: boolean;
}

const fields = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  employeeId: memberships.employeeId,
  roleIds: memberships.roleIds,
  active: memberships.active,
  createdAt: memberships.createdAt,
  updatedAt: memberships.updatedAt,
};

type UserRow = { [K in keyof typeof fields]: unknown } & { roleIds: string[]; lockedUntil: Date | null };

async function present(db: Executor, companyId: string, rows: UserRow[]) {
  const roleRows = await db.select({ id: roles.id, name: roles.name }).from(roles).where(eq(roles.companyId, companyId));
  const roleName = new Map(roleRows.map((r) => [r.id, r.name]));
  const now = new Date();
  return rows.map((r) => ({
    ...r,
    roleNames: r.roleIds.map((id) => roleName.get(id)).filter(Boolean),
    locked: !!r.lockedUntil && r.lockedUntil > now,
  }));
}

function baseQuery(db: Executor, companyId: string) {
  return db.select(fields).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.companyId, companyId)).$dynamic();
}

const SORTS: Record<string, typeof users.username | typeof users.displayName | typeof users.lastLoginAt> = {
  username: users.username,
  displayName: users.displayName,
  lastLoginAt: users.lastLoginAt,
};

export async function listUsers(ctx: RequestContext, query: { q?: string; page?: number; pageSize?: number; sort?: string; active?: boolean }, all = false) {
  const db = ctx.db.orm;
  const conds: (SQL | undefined)[] = [eq(memberships.companyId, ctx.companyId)];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like)));
  }
  if (query.active !== undefined) conds.push(eq(memberships.active, query.active));
  const where = and(...conds);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where);
  const sortKey = query.sort?.replace(/^-/, '') ?? 'username';
  const column = SORTS[sortKey] ?? users.username;
  const page = query.page ?? 1;
  const pageSize = all ? 100_000 : (query.pageSize ?? 20);
  const rows = (await db
    .select(fields)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    .orderBy(query.sort?.startsWith('-') ? desc(column) : asc(column), asc(users.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)) as UserRow[];
  return { items: await present(db, ctx.companyId, rows), total: Number(total), page, pageSize };
}

export async function getUser(ctx: RequestContext, id: string, db: Executor = ctx.db.orm) {
  const rows = (await baseQuery(db, ctx.companyId).where(and(eq(memberships.companyId, ctx.companyId), eq(memberships.userId, id)))) as UserRow[];
  if (!rows[0]) throw errors.notFound('用户', 'User', id);
  return (await present(db, ctx.companyId, rows))[0];
}

/** The roles and employee named exist in this company (10.6, one query per table) and are active. */
async function checkRefs(db: Executor, companyId: string, input: UserInput) {
  const refs: Reference[] = (input.roleIds ?? []).map((id, i) => ({ path: `roleIds.${i}`, id, target: TARGETS.role }));
  if (input.employeeId) refs.push({ path: 'employeeId', id: input.employeeId, target: TARGETS.employee });
  const found = await requireReferences(db, companyId, refs);
  for (const r of refs) {
    if (found.get(r.path)?.active === false)
      throw errors.unprocessable('REFERENCE_INACTIVE', `${r.target.zh}已停用（${r.path}）`, `${r.target.en} is deactivated (${r.path})`, { field: r.path });
  }
}

export async function createUser(ctx: RequestContext, input: Required<Pick<UserInput, 'username' | 'displayName' | 'password'>> & UserInput) {
  const passwordHash = await hashPassword(input.password);
  const created = await transaction(ctx.db, async (tx) => {
    await checkRefs(tx, ctx.companyId, input);
    const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (clash) throw errors.duplicateCode('username', input.username);
    const [u] = await tx.insert(users).values({ username: input.username, displayName: input.displayName, passwordHash }).returning({ id: users.id });
    await tx.insert(memberships).values({
      companyId: ctx.companyId,
      userId: u.id,
      employeeId: input.employeeId ?? null,
      roleIds: [...new Set(input.roleIds ?? [])],
      active: input.active ?? true,
    });
    const out = await getUser(ctx, u.id, tx);
    await recordChange(tx, ctx, 'create', 'users', u.id, null, out);
    return out;
  });
  forgetSessions(ctx.db);
  return created;
}

export async function updateUser(ctx: RequestContext, id: string, input: UserInput) {
  if (id === ctx.userId && input.active === false) {
    throw errors.conflict('CANNOT_DEACTIVATE_SELF', '不能停用自己的账号', 'You cannot deactivate your own account');
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const updated = await transaction(ctx.db, async (tx) => {
    const before = await getUser(ctx, id, tx);
    await checkRefs(tx, ctx.companyId, input);
    if (input.username && input.username !== before.username) {
      const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
      if (clash) throw errors.duplicateCode('username', input.username);
    }
    const userSet: Partial<typeof users.$inferInsert> = {};
    if (input.username) userSet.username = input.username;
    if (input.displayName) userSet.displayName = input.displayName;
    if (passwordHash) userSet.passwordHash = passwordHash;
    if (input.locked === false) Object.assign(userSet, { lockedUntil: null, failedAttempts: 0 });
    if (Object.keys(userSet).length)
      await tx
        .update(users)
        .set({ ...userSet, updatedAt: new Date() })
        .where(eq(users.id, id));
    const memberSet: Partial<typeof memberships.$inferInsert> = {};
    if (input.employeeId !== undefined) memberSet.employeeId = input.employeeId;
    if (input.roleIds) memberSet.roleIds = [...new Set(input.roleIds)];
    if (input.active !== undefined) memberSet.active = input.active;
    await tx
      .update(memberships)
      .set({ ...memberSet, updatedAt: new Date() })
      .where(and(eq(memberships.companyId, ctx.companyId), eq(memberships.userId, id)));
    // A changed password or lost access ends the user's open sessions in this company.
    if (passwordHash || input.active === false) {
      await tx.delete(sessions).where(and(eq(sessions.userId, id), eq(sessions.companyId, ctx.companyId)));
    }
    const out = await getUser(ctx, id, tx);
    await recordChange(tx, ctx, 'update', 'users', id, before, { ...out, passwordChanged: !!passwordHash });
    return out;
  });
  // Roles, access and passwords take effect on the user's next request.
  forgetSessions(ctx.db);
  return updated;
}

export async function exportUsers(ctx: RequestContext, query: { q?: string; active?: boolean }) {
  const { items } = await listUsers(ctx, query, true);
  return writeSheet(
    '用户',
    [
      { header: '用户名', key: 'username' },
      { header: '姓名', key: 'displayName' },
      { header: '角色', key: 'roles', width: 40 },
      { header: '最后登录', key: 'lastLoginAt', width: 22 },
      { header: '启用', key: 'active' },
    ],
    items.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      roles: u.roleNames.join('、'),
      lastLoginAt: u.lastLoginAt ? (u.lastLoginAt as Date).toISOString() : '',
      active: u.active ? '是' : '否',
    })),
  );
}
