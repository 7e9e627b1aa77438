import { consentCoverage, consentGrantProblems, type ConsentGrantFacts, type ConsentScope } from './consent-rules';

const NOW = new Date('2026-03-01T12:00:00Z');
const LWU = '11111111-1111-4111-8111-111111111111';
const MOLSW = '22222222-2222-4222-8222-222222222222';

describe('consentGrantProblems', () => {
  const base: ConsentGrantFacts = {
    type: 'REFERRAL_SHARING',
    agencyIds: [LWU],
    givenBy: 'SELF',
    grantedAt: new Date('2026-03-01T10:00:00Z'),
    isChild: false,
  };
  const fields = (f: Partial<ConsentGrantFacts>) => consentGrantProblems({ ...base, ...f }, NOW).map((p) => p.field);

  it('accepts an adult giving their own consent', () => {
    expect(fields({})).toEqual([]);
  });

  it("refuses a child's own consent, and any giver but a parent, guardian or social worker", () => {
    expect(fields({ isChild: true, givenBy: 'SELF' })).toEqual(['givenBy']);
    expect(fields({ isChild: true, givenBy: 'OTHER' })).toEqual(['givenBy']);
    expect(fields({ isChild: true, givenBy: 'SOCIAL_WORKER' })).toEqual([]);
    expect(fields({ isChild: true, givenBy: 'PARENT', guardianName: 'x' })).toEqual([]);
    expect(fields({ isChild: true, givenBy: 'LEGAL_GUARDIAN', guardianName: 'x' })).toEqual([]);
  });

  it('requires the name of a guardian who gives the consent', () => {
    expect(fields({ isChild: true, givenBy: 'PARENT' })).toEqual(['givenBy', 'guardianName']);
    expect(fields({ isChild: true, givenBy: 'LEGAL_GUARDIAN', guardianName: '   ' })).toEqual([
      'givenBy',
      'guardianName',
    ]);
    expect(fields({ givenBy: 'PARENT' })).toEqual(['givenBy', 'guardianName']);
  });

  it('requires recipients for a sharing consent, not for an interview or data processing', () => {
    expect(fields({ agencyIds: [] })).toEqual(['agencyIds']);
    expect(fields({ type: 'INTERVIEW', agencyIds: [] })).toEqual([]);
    expect(fields({ type: 'DATA_PROCESSING', agencyIds: [] })).toEqual([]);
  });

  it('refuses a grant in the future (beyond clock skew) and an expiry not after the grant', () => {
    expect(fields({ grantedAt: new Date('2026-03-01T12:04:59Z') })).toEqual([]);
    expect(fields({ grantedAt: new Date('2026-03-01T12:05:01Z') })).toEqual(['grantedAt']);
    expect(fields({ expiresAt: new Date('2026-03-01T10:00:00Z') })).toEqual(['expiresAt']);
    expect(fields({ expiresAt: new Date('2026-03-01T09:00:00Z') })).toEqual(['expiresAt']);
    expect(fields({ expiresAt: new Date('2026-03-01T10:00:01Z') })).toEqual([]);
  });
});

describe('consentCoverage', () => {
  const consent = (id: string, over: Partial<ConsentScope> = {}): ConsentScope => ({
    id,
    status: 'ACTIVE',
    agencyIds: [LWU],
    purposes: ['REFERRAL_SHARING'],
    categories: ['CASE_SUMMARY', 'IDENTITY'],
    grantedAt: '2026-02-01T00:00:00Z',
    expiresAt: null,
    withdrawnAt: null,
    ...over,
  });
  const req = {
    agencyId: LWU,
    purpose: 'REFERRAL_SHARING' as const,
    categories: ['IDENTITY', 'CASE_SUMMARY', 'HEALTH'] as const,
  };

  it('reports covered and missing categories in catalogue order, with the consents that cover them', () => {
    expect(consentCoverage([consent('a')], { ...req, categories: [...req.categories] }, NOW)).toEqual({
      covered: ['CASE_SUMMARY', 'IDENTITY'],
      missing: ['HEALTH'],
      consentIds: ['a'],
    });
  });

  it('combines several consents and leaves out those that cover nothing requested', () => {
    const got = consentCoverage(
      [
        consent('b', { categories: ['HEALTH'] }),
        consent('a', { categories: ['CASE_SUMMARY'] }),
        consent('c', { categories: ['PERPETRATORS'] }),
      ],
      { ...req, categories: [...req.categories] },
      NOW,
    );
    expect(got).toEqual({ covered: ['CASE_SUMMARY', 'HEALTH'], missing: ['IDENTITY'], consentIds: ['a', 'b'] });
  });

  it.each([
    ['withdrawn', { status: 'WITHDRAWN' as const, withdrawnAt: '2026-02-15T00:00:00Z' }],
    ['expired', { expiresAt: '2026-03-01T12:00:00Z' }],
    ['for another agency', { agencyIds: [MOLSW] }],
    ['for another purpose', { purposes: ['LAW_ENFORCEMENT_SHARING'] }],
    ['not granted yet', { grantedAt: '2026-03-01T12:03:00Z' }],
  ])('a consent %s covers nothing', (_label, over) => {
    expect(consentCoverage([consent('a', over)], { ...req, categories: [...req.categories] }, NOW)).toEqual({
      covered: [],
      missing: ['CASE_SUMMARY', 'IDENTITY', 'HEALTH'],
      consentIds: [],
    });
  });

  it('counts a consent that expires later as active', () => {
    expect(
      consentCoverage([consent('a', { expiresAt: '2026-03-01T12:00:01Z' })], { ...req, categories: ['IDENTITY'] }, NOW)
        .covered,
    ).toEqual(['IDENTITY']);
  });
});
