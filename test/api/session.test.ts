import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetSessions, resolveSession } from '../../src/modules/auth/auth.service.js';
import { ADMIN_PASSWORD, type TestApi, testApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(() => api.close());

describe('X4 session: login, cookie, logout, lock-out', () => {
  it('logs in with an httpOnly SameSite cookie and returns the session', async () => {
    const c = api.client();
    const r = await c.login('admin', ADMIN_PASSWORD);
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/erp_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(r.body.user.username).toBe('admin');
    expect(r.body.permissions).toContain('products:view');
    const me = await c.get('/session');
    expect(me.status).toBe(200);
    expect(me.body.company.id).toBe(api.companyId);
  });

  it('refuses requests without a session with 401 UNAUTHENTICATED', async () => {
    const r = await api.client().get('/products');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
    expect(r.body.error.message).toMatch(/登录/);
    expect(r.body.error.messageEn).toMatch(/log in/i);
  });

  it('logout ends the session on the server', async () => {
    const c = api.client();
    await c.login('admin', ADMIN_PASSWORD);
    const stolen = c.cookie;
    expect((await c.del('/session')).status).toBe(204);
    const again = api.client();
    again.cookie = stolen;
    expect((await again.get('/session')).status).toBe(401);
  });

  it('locks the account after 5 wrong passwords, even for the right one', async () => {
    const created = await api.admin.post('/users', { username: 'locky', displayName: 'Locky', password: 'right-password' });
    expect(created.status).toBe(201);
    const c = api.client();
    for (let i = 0; i < 4; i++) {
      const r = await c.login('locky', 'wrong');
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('BAD_CREDENTIALS');
    }
    const fifth = await c.login('locky', 'wrong');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    const right = await c.login('locky', 'right-password');
    expect(right.status).toBe(423);
    // An administrator unlocks it.
    const unlocked = await api.admin.patch(`/users/${created.body.id}`, { locked: false });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.locked).toBe(false);
    expect((await c.login('locky', 'right-password')).status).toBe(200);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const r = await api.client().login('nobody-here', 'whatever');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('BAD_CREDENTIALS');
  });

  it('stores passwords as argon2id hashes', async () => {
    const rows = await api.db.orm.execute("SELECT password_hash FROM users WHERE username = 'admin'");
    expect(String((rows as unknown as { rows: { password_hash: string }[] }).rows[0].password_hash)).toMatch(/^\$argon2id\$/);
  });

  it('X4 a role that loses a permission, and a user who loses access, are refused on the very next request', async () => {
    // Sessions are answered from memory for a moment (SESSION_CACHE_MS); a change made
    // through this server must not wait for that.
    const role = await api.admin.post('/roles', { code: 'R-VIEW', name: '只看商品', permissions: ['products:view'] });
    expect(role.status).toBe(201);
    const user = await api.admin.post('/users', { username: 'viewer1', displayName: '查看员', password: 'viewer-password', roleIds: [role.body.id] });
    expect(user.status).toBe(201);
    const c = api.client();
    expect((await c.login('viewer1', 'viewer-password')).status).toBe(200);
    expect((await c.get('/products')).status).toBe(200);
    expect((await c.get('/products')).status).toBe(200);

    expect((await api.admin.patch(`/roles/${role.body.id}`, { permissions: ['suppliers:view'] })).status).toBe(200);
    const refused = await c.get('/products');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await c.get('/suppliers')).status).toBe(200);

    expect((await api.admin.patch(`/users/${user.body.id}`, { active: false })).status).toBe(200);
    expect((await c.get('/suppliers')).status).toBe(401);
  });

  it('X4 a session read that began before a role change does not keep the old permissions', async () => {
    const role = await api.admin.post('/roles', { code: 'R-RACE', name: '看商品', permissions: ['products:view'] });
    await api.admin.post('/users', { username: 'racer1', displayName: '竞态', password: 'racer-password', roleIds: [role.body.id] });
    const c = api.client();
    expect((await c.login('racer1', 'racer-password')).status).toBe(200);
    const token = c.cookie.replace(/^erp_session=/, '');
    forgetSessions(api.db);
    // A request's session read is on its way (it reads the old role) when the change is
    // made and everything cached is forgotten; the read answers only after that.
    const inFlight = resolveSession(api.db, token);
    const change = api.db.orm.execute(sql`UPDATE roles SET permissions = '{suppliers:view}' WHERE id = ${role.body.id}`);
    forgetSessions(api.db);
    await Promise.all([inFlight, change]);
    // …so whatever it read is not what the next request is answered from.
    const next = await resolveSession(api.db, token);
    expect([...(next?.permissions ?? [])]).toEqual(['suppliers:view']);
  });
});
