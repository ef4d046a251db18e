// First start of an installation: a company, its built-in roles and the `admin` user.
import { and, asc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.js';
import { companies, memberships, roles, users } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import { generatePassword, hashPassword } from './passwords.js';
import { BUILTIN_ROLES } from './permissions.js';

export async function seedBuiltinRoles(tx: Executor, companyId: string): Promise<Map<string, string>> {
  for (const r of BUILTIN_ROLES) {
    await tx.insert(roles).values({ companyId, code: r.code, name: r.name, permissions: r.permissions, builtin: true }).onConflictDoNothing();
  }
  const rows = await tx.select({ id: roles.id, code: roles.code }).from(roles).where(eq(roles.companyId, companyId));
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function createCompany(db: Database, code: string, name: string) {
  return transaction(db, async (tx) => {
    const [company] = await tx.insert(companies).values({ code, name }).returning();
    const roleIds = await seedBuiltinRoles(tx, company.id);
    // Every admin user of the installation may work in every company.
    const admins = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
    for (const a of admins) {
      await tx.insert(memberships).values({ companyId: company.id, userId: a.id, roleIds: [roleIds.get('admin') as string] });
    }
    return company;
  });
}

export interface InstallResult {
  created: boolean;
  companyId: string;
  adminPassword?: string;
}

/** Creates the first company and admin when the installation is empty; idempotent. */
export async function ensureInstalled(db: Database, adminPassword?: string): Promise<InstallResult> {
  const [first] = await db.orm.select().from(companies).orderBy(asc(companies.createdAt)).limit(1);
  if (first) return { created: false, companyId: first.id };
  const password = adminPassword || generatePassword();
  const passwordHash = await hashPassword(password);
  const companyId = await transaction(db, async (tx) => {
    const [company] = await tx.insert(companies).values({ code: 'main', name: '我的公司' }).returning();
    const roleIds = await seedBuiltinRoles(tx, company.id);
    const [admin] = await tx.insert(users).values({ username: 'admin', displayName: '系统管理员', passwordHash }).returning();
    await tx.insert(memberships).values({ companyId: company.id, userId: admin.id, roleIds: [roleIds.get('admin') as string] });
    return company.id;
  });
  return { created: true, companyId, adminPassword: adminPassword ? undefined : password };
}

export async function companyIdByCode(db: Database, code: string): Promise<string | undefined> {
  const [c] = await db.orm
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.code, code)));
  return c?.id;
}
