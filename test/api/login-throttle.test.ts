// 10.9 Failed logins slow down the account and the client address; the last active
// administrator is never locked; an administrator unlocks; every lock is logged;
// settings are bounded.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../src/config.js';
import { LAST_ADMIN_MAX_DELAY_SECONDS } from '../../src/modules/auth/login-throttle.js';
import { ADMIN_PASSWORD, type Client, type TestApi, testApi } from '../helpers/api.js';

let api: TestApi;
let saved: boolean;
beforeAll(async () => {
  api = await testApi();
  // Addresses from X-Forwarded-For, as behind a trusted proxy: one per test.
  saved = config.trustProxy;
  config.trustProxy = true;
});
afterAll(async () => {
  config.trustProxy = saved;
  await api.close();
});

const loginFrom = (c: Client, address: string, username: string, password: string) =>
  c.request('POST', '/session', { username, password }, { 'x-forwarded-for': address });

/** What waiting out a delay does, without waiting: the delay ends now. */
async function delayOver(username: string) {
  await api.db.orm.execute(sql`UPDATE users SET locked_until = now() - interval '1 second' WHERE username = ${username}`);
}

describe('10.9 logins', () => {
  it('10.9 the last active administrator is slowed down, never locked, and gets in with the right password', async () => {
    const c = api.client();
    const answers: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await loginFrom(c, `10.1.0.${i}`, 'admin', 'wrong');
      answers.push(r.body.error.code);
      if (r.status === 429) {
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(LAST_ADMIN_MAX_DELAY_SECONDS);
        expect(r.body.error.details).toMatchObject({ scope: 'account' });
        await delayOver('admin');
      }
    }
    expect(answers).not.toContain('ACCOUNT_LOCKED');
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('BAD_CREDENTIALS'));
    expect(answers).toContain('LOGIN_THROTTLED');
    // Right after a wrong one the right password waits too, but never longer than the cap.
    await delayOver('admin');
    expect((await loginFrom(c, '10.1.0.99', 'admin', 'wrong')).status).toBe(401);
    const slowed = await loginFrom(c, '10.1.1.1', 'admin', ADMIN_PASSWORD);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeLessThanOrEqual(LAST_ADMIN_MAX_DELAY_SECONDS);
    await delayOver('admin');
    expect((await loginFrom(c, '10.1.1.1', 'admin', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('10.9 another administrator is locked after five wrong passwords; the lock is logged and the remaining one unlocks', async () => {
    const roles = await api.admin.get('/roles?pageSize=500');
    const adminRole = roles.body.items.find((r: { code: string }) => r.code === 'admin');
    const second = await api.admin.post('/users', { username: 'admin2', displayName: '副管理员', password: 'second-admin-pw', roleIds: [adminRole.id] });
    expect(second.status).toBe(201);
    const c = api.client();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await loginFrom(c, `10.2.0.${i}`, 'admin2', 'wrong')).body.error.code);
    expect(codes).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED']);
    expect((await loginFrom(c, '10.2.1.1', 'admin2', 'second-admin-pw')).status).toBe(423);
    const log = await api.db.orm.execute(sql`SELECT action, after FROM audit_log WHERE entity = 'user' AND entity_id = ${second.body.id} AND action = 'lock'`);
    const rows = (log as unknown as { rows: { after: { failures: number; address: string } }[] }).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toMatchObject({ failures: 5, address: '10.2.0.4' });
    // Now admin is again the last active administrator: it cannot be locked.
    for (let i = 0; i < 6; i++) {
      expect((await loginFrom(c, `10.2.2.${i}`, 'admin', 'wrong')).body.error.code).not.toBe('ACCOUNT_LOCKED');
      await delayOver('admin');
    }
    await delayOver('admin');
    const me = api.client();
    expect((await loginFrom(me, '10.2.3.1', 'admin', ADMIN_PASSWORD)).status).toBe(200);
    expect((await me.patch(`/users/${second.body.id}`, { locked: false })).status).toBe(200);
    expect((await loginFrom(c, '10.2.1.1', 'admin2', 'second-admin-pw')).status).toBe(200);
  });

  it('10.9 an address that fails too often is slowed for every user name; another address is not', async () => {
    const c = api.client();
    const codes: string[] = [];
    for (let i = 0; i < 13; i++) {
      const r = await loginFrom(c, '10.3.0.1', `guess-${i}`, 'password123');
      codes.push(r.body.error.code);
      if (r.status === 429) {
        expect(r.body.error.details).toMatchObject({ scope: 'address' });
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('BAD_CREDENTIALS'));
    expect(codes.slice(11)).toEqual(['LOGIN_THROTTLED', 'LOGIN_THROTTLED']);
    // Even the right password waits from there, and the answer says so in Chinese and English.
    const blocked = await loginFrom(c, '10.3.0.1', 'admin', ADMIN_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/秒后再试/);
    expect(blocked.body.error.messageEn).toMatch(/try again in/);
    await delayOver('admin');
    expect((await loginFrom(api.client(), '10.3.0.2', 'admin', ADMIN_PASSWORD)).status).toBe(200);
  });
});

describe('10.9 settings are bounded', () => {
  it('10.9 a receipt tolerance above 100 % is refused, naming the field; 100 % is kept', async () => {
    const huge = await api.admin.patch('/settings', { receiptTolerancePct: '1000000000' });
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(huge.body.error.details)).toMatch(/receiptTolerancePct/);
    expect((await api.admin.get('/settings')).body.receiptTolerancePct).toBe('0');
    const ok = await api.admin.patch('/settings', { receiptTolerancePct: '100' });
    expect(ok.status).toBe(200);
    expect(ok.body.receiptTolerancePct).toBe('100');
  });
});
