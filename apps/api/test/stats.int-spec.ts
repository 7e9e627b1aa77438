import { hasPermission, SEED_DEMO_USERS, type Role } from '@ctms/domain';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { auditSince, lastAuditSeq, startStack, TestStack } from './harness';
import { seedCases } from './seed-cases';

/** GET /stats/summary: counts only, small cells withheld, for the analyst role only. */
describe('statistics (GET /stats/summary)', () => {
  let s: TestStack;
  let analyst = '';
  const get = (token: string, q = '') => s.http().get(`/api/v1/stats/summary${q}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    s = await startStack();
    const agency = (await s.admin.query(`SELECT id FROM agency WHERE code = 'MOPS_ATD'`)).rows[0].id as string;
    const cipher = s.app.get(FieldCipher);
    // 30 open cases in Vientiane Capital (01), 12 closed there, 3 open in Bokeo (05): Bokeo is a small cell
    await seedCases(s.admin, cipher, Array.from({ length: 30 }, () => ({ agencyId: agency, province: '01', givenNameLo: 'ນາງ' })), { prefix: 'STA' });
    await seedCases(s.admin, cipher, Array.from({ length: 12 }, () => ({ agencyId: agency, province: '01', givenNameLo: 'ນາງ', status: 'CLOSED' })), { prefix: 'STB' });
    await seedCases(s.admin, cipher, Array.from({ length: 3 }, () => ({ agencyId: agency, province: '05', givenNameLo: 'ນາງ' })), { prefix: 'STC' });
    analyst = (await s.login('analyst')).accessToken;
  });
  afterAll(async () => {
    await s.close();
  });

  it('counts by dimension, withholds cells below k = 11 and the complementary cell, and holds no id or name', async () => {
    const before = await lastAuditSeq(s.admin);
    const r = await get(analyst);
    expect(r.status).toBe(200);
    const total = (await s.admin.query(`SELECT count(*)::int AS n FROM case_record`)).rows[0].n as number;
    expect(r.body.k).toBe(11);
    expect(r.body.cases).toBe(total);
    const province = new Map(r.body.casesByProvince.map((c: { key: string; n: number | null }) => [c.key, c.n]));
    expect(province.get('05')).toBeNull();
    expect(r.body.casesByProvince.find((c: { key: string }) => c.key === '05').suppressed).toBe(true);
    const byStatus = new Map(r.body.casesByStatus.map((c: { key: string; n: number | null }) => [c.key, c.n]));
    expect(byStatus.get('CLOSED')).toBe(12);
    expect(r.body.casesByExploitationType.find((c: { key: string }) => c.key === 'LABOUR').n).toBeGreaterThanOrEqual(45);
    // a dimension never has exactly one withheld cell
    for (const dim of ['casesByStatus', 'casesByProvince', 'casesByIdentification', 'casesByExploitationType', 'referralsByStatus']) {
      expect(r.body[dim].filter((c: { suppressed: boolean }) => c.suppressed).length).not.toBe(1);
    }
    expect(JSON.stringify(r.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|ນາງ|STA-/);
    const audit = await auditSince(s.admin, before);
    expect(audit.filter((a) => a.action === 'STATS_READ' && a.actor_username === 'analyst')).toHaveLength(1);
  });

  it('filters by the opening date; a range with few cases withholds its total', async () => {
    const future = await get(analyst, '?from=2090-01-01T00:00:00Z&to=2091-01-01T00:00:00Z');
    expect(future.status).toBe(200);
    expect(future.body.cases).toBe(0);
    expect(future.body.casesByProvince).toEqual([]);
  });

  it('refuses bad dates naming the field', async () => {
    const bad = await get(analyst, '?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['from']);
    const backwards = await get(analyst, '?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(backwards.status).toBe(400);
    expect(backwards.body.details.map((d: { field: string }) => d.field)).toEqual(['to']);
  });

  it('only roles holding stats:read get it: everyone else 403', async () => {
    const failures: string[] = [];
    for (const u of SEED_DEMO_USERS) {
      const token = (await s.login(u.username)).accessToken;
      const res = await get(token);
      const allowed = hasPermission(u.roles as Role[], 'stats:read');
      if (res.status !== (allowed ? 200 : 403)) failures.push(`${u.username}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
