import { HttpErrorResponse } from '@angular/common/http';
import type { ConsentView } from '@ctms/domain';
import { auditFilterFromQuery, auditKindKey, OBJECT_TYPES } from '../audit/audit.page';
import { consentBody } from '../cases/case-consents';
import {
  interagencyEn,
  interagencyLo,
  PROTECTION_MEASURE_LABELS,
  PROTECTION_MEASURES,
  SUSPECT_ROLE_LABELS,
  SUSPECT_ROLES,
} from '../core/i18n/dict-interagency';
import { coveredCategories, missingCategories, referralConsentDraft, slaClock, splitDates } from './ia-util';

function consent(over: Partial<ConsentView>): ConsentView {
  return {
    id: 'k1',
    caseId: 'c1',
    type: 'REFERRAL_SHARING',
    status: 'ACTIVE',
    expired: false,
    agencies: [{ id: 'lwu', code: 'LWU', nameLo: 'ສະຫະພັນແມ່ຍິງລາວ', nameEn: "Lao Women's Union" }],
    purposes: ['REFERRAL_SHARING'],
    categories: ['CASE_SUMMARY', 'CONTACT_LOCATION'],
    givenBy: 'SELF',
    form: 'WRITTEN_SIGNATURE',
    language: 'lo',
    interpreterUsed: false,
    parties: null,
    grantedAt: '2026-01-01T00:00:00Z',
    expiresAt: null,
    recordedBy: { id: 'u1', username: 'atd.caseworker', displayName: 'Caseworker' },
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawalReason: null,
    ...over,
  };
}

describe('inter-agency screens', () => {
  it('has the same words in Lao and English, every Lao one in Lao script', () => {
    expect(Object.keys(interagencyLo).sort()).toEqual(Object.keys(interagencyEn).sort());
    for (const [k, v] of Object.entries(interagencyLo)) {
      if (k === 'ia.none' || k.startsWith('ho.article')) continue;
      expect(v, k).toMatch(/[\u0E80-\u0EFF]/);
    }
    for (const code of SUSPECT_ROLES) expect(SUSPECT_ROLE_LABELS[code].lo).toMatch(/[\u0E80-\u0EFF]/);
    for (const code of PROTECTION_MEASURES) expect(PROTECTION_MEASURE_LABELS[code].en.length).toBeGreaterThan(0);
  });

  it('counts the SLA clock down and says when it is overdue', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(slaClock('2026-03-01T12:30:00Z', now)).toEqual({ overdue: false, h: 2, m: 30 });
    expect(slaClock('2026-03-01T09:15:00Z', now)).toEqual({ overdue: true, h: 0, m: 45 });
  });

  it('computes the categories an active referral-sharing consent covers for one agency', () => {
    const list = [
      consent({}),
      consent({ id: 'k2', categories: ['HEALTH'], status: 'WITHDRAWN' }),
      consent({ id: 'k3', categories: ['IDENTITY'], expired: true }),
      consent({ id: 'k4', categories: ['PERPETRATORS'], purposes: ['LAW_ENFORCEMENT_SHARING'] }),
      consent({
        id: 'k5',
        categories: ['EXPLOITATION_ACCOUNT'],
        agencies: [{ id: 'iom', code: 'IOM', nameLo: 'IOM', nameEn: 'IOM' }],
      }),
    ];
    expect([...coveredCategories(list, 'lwu')].sort()).toEqual(['CASE_SUMMARY', 'CONTACT_LOCATION']);
    expect([...coveredCategories(list, null)]).toEqual([]);
    expect([...coveredCategories(list, 'iom')]).toEqual(['EXPLOITATION_ACCOUNT']);
  });

  it('reads the categories a 409 CONSENT_NOT_COVERING names', () => {
    const err = new HttpErrorResponse({
      status: 409,
      error: {
        code: 'CONSENT_NOT_COVERING',
        details: [
          {
            field: 'categories',
            problems: ['HEALTH is not covered by an active REFERRAL_SHARING consent for the receiving agency'],
          },
        ],
      },
    });
    expect(missingCategories(err)).toEqual(['HEALTH']);
    expect(missingCategories(new HttpErrorResponse({ status: 409, error: { code: 'STALE_VERSION' } }))).toEqual([]);
  });

  it('splits trial dates', () => {
    expect(splitDates('2026-03-01, 2026-03-05 ;2026-04-01')).toEqual(['2026-03-01', '2026-03-05', '2026-04-01']);
  });

  it('keeps only codes, ids and usernames in the audit filters of the URL', () => {
    expect(
      auditFilterFromQuery({
        actor: 'atd.caseworker',
        action: 'CASE_READ',
        objectType: 'case',
        outcome: 'DENIED',
        from: '2026-01-01T00:00',
      }),
    ).toEqual({
      actor: 'atd.caseworker',
      action: 'CASE_READ',
      objectType: 'case',
      outcome: 'DENIED',
      from: '2026-01-01T00:00',
    });
    expect(
      auditFilterFromQuery({ actor: 'ບຸນມີ', objectId: 'name with spaces', action: 'read', outcome: 'MAYBE' }),
    ).toEqual({});
  });
});

describe("issue 17: the referral form's inline consent and the readable audit trail", () => {
  it('records a REFERRAL_SHARING consent for the one chosen agency, the case summary always included', () => {
    const body = consentBody(
      referralConsentDraft('agency-1', ['IDENTITY'], 'SELF', 'WRITTEN_SIGNATURE', '2026-03-01T09:30'),
    );
    expect(body).toMatchObject({
      type: 'REFERRAL_SHARING',
      agencyIds: ['agency-1'],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'IDENTITY'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
    });
    // incomplete (who gave it, how) → no request
    expect(
      consentBody(referralConsentDraft('agency-1', ['CASE_SUMMARY'], '', 'WRITTEN_SIGNATURE', '2026-03-01T09:30')),
    ).toBeNull();
  });

  it('names every audit object kind in both languages, unknown kinds as "other record"', () => {
    for (const k of [...OBJECT_TYPES, 'person_merge', 'notification', 'match_request']) {
      const key = auditKindKey(k) as keyof typeof interagencyEn;
      expect(key).not.toBe('audit.kind.other');
      expect(interagencyEn[key]).toBeTruthy();
      expect(interagencyLo[key]).toMatch(/[\u0E80-\u0EFF]/);
    }
    expect(auditKindKey('refresh_token_family')).toBe('audit.kind.other');
  });

  it('names the submit button of each referral action by its verb, never "Apply"', () => {
    for (const k of ['accept', 'decline', 'services', 'complete', 'cancel'] as const) {
      const key = `ref.submit.${k}` as const;
      expect(interagencyEn[key]).not.toMatch(/apply/i);
      expect(interagencyLo[key]).toMatch(/[\u0E80-\u0EFF]/);
    }
  });
});
