import { HttpErrorResponse } from '@angular/common/http';
import type { CaseDetailView } from '@ctms/domain';
import { draftFromCase, parseCountries, patchFor } from './case-draft';
import { filterFromQuery } from './case-list.page';
import { consentBody, effectiveStatusKey, emptyConsentDraft } from './case-consents';
import { eventDetail } from './case-timeline';
import { describeError, formatDate, formatDateTime, laoLocalToIso, nowLocalInLaos, todayInLaos, toggle } from './ui-util';
import { en } from '../core/i18n/dictionaries';

const t = (key: keyof typeof en, params?: Readonly<Record<string, string | number>>) =>
  Object.entries(params ?? {}).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), en[key] as string);

const CASE: CaseDetailView = {
  id: 'c1',
  caseNumber: 'ATD-2026-000001',
  status: 'OPEN',
  identificationStatus: 'POSSIBLE_VICTIM',
  provinceCode: '01',
  relation: 'LEAD_AGENCY',
  visibleCategories: ['CASE_SUMMARY'],
  leadAgency: { code: 'MOPS_ATD', id: 'a1' },
  assignedTo: null,
  flags: [],
  exploitationTypes: ['FORCED_LABOUR'],
  openedAt: '2026-03-01T03:00:00Z',
  updatedAt: '2026-03-01T03:00:00Z',
  version: 3,
  personId: 'p1',
  destinationCountries: ['TH'],
  riskLevel: null,
  needs: [],
  closedAt: null,
  closureReason: null,
  exploitation: { narrative: 'n', journeyEvents: [{ stage: 'TRANSIT', place: null, date: '2025-01-02', description: null }], meansOfControl: [] },
  perpetrators: [],
  health: null,
  contact: { currentShelter: 'Shelter A' },
  legal: null,
  plan: null,
  identification: null,
  allowedActions: { case: ['ACTIVATE', 'CLOSE'], identification: [], edit: true, assign: false, accessLog: false, requestIdentification: false, requestClosure: false, flags: false },
};

describe('case list filters', () => {
  it('takes only coded values from the URL', () => {
    expect(filterFromQuery({ status: 'OPEN', province: '05', mine: '1' })).toEqual({ status: 'OPEN', province: '05', assignedTo: 'me' });
    expect(filterFromQuery({ status: 'NOPE', province: '99', mine: 'x', name: 'Somchai' })).toEqual({});
  });
});

describe('case record drafts', () => {
  it('round-trips a case into form values and back to a one-section PATCH', () => {
    const d = draftFromCase(CASE);
    expect(d.destinationCountries).toBe('TH');
    expect(d.contact.currentShelter).toBe('Shelter A');
    expect(patchFor('contact', d)).toEqual({ contact: { currentShelter: 'Shelter A' } });
    expect(patchFor('exploitation', d)).toEqual({ exploitation: { narrative: 'n', journeyEvents: [{ stage: 'TRANSIT', date: '2025-01-02' }] } });
  });

  it('sends null to clear an emptied category or list', () => {
    const d = draftFromCase(CASE);
    d.contact = { currentShelter: ' ', safeContact: '', notes: '' };
    expect(patchFor('contact', d)).toEqual({ contact: null });
    d.exploitationTypes = [];
    d.destinationCountries = '';
    expect(patchFor('overview', d)).toEqual({ exploitationTypes: null, destinationCountries: null, riskLevel: null, needs: null });
  });

  it('parses country codes leniently', () => {
    expect(parseCountries(' th, CN ;vn th')).toEqual(['TH', 'CN', 'VN']);
  });
});

describe('consents', () => {
  it('treats expired and withdrawn consents as not in effect', () => {
    expect(effectiveStatusKey({ status: 'ACTIVE', expired: false })).toBe('cases.consents.active');
    expect(effectiveStatusKey({ status: 'ACTIVE', expired: true })).toBe('cases.consents.expired');
    expect(effectiveStatusKey({ status: 'WITHDRAWN', expired: false })).toBe('cases.consents.withdrawn');
  });

  it('builds the request only when complete, with Lao-time instants', () => {
    const d = emptyConsentDraft('2026-03-01T09:30');
    expect(consentBody(d)).toBeNull();
    d.type = 'REFERRAL_SHARING';
    d.givenBy = 'SELF';
    d.form = 'WRITTEN_SIGNATURE';
    d.categories = ['CASE_SUMMARY'];
    d.agencyIds = ['a2'];
    expect(consentBody(d)).toEqual({
      type: 'REFERRAL_SHARING',
      agencyIds: ['a2'],
      categories: ['CASE_SUMMARY'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      language: 'lo',
      interpreterUsed: false,
      grantedAt: '2026-03-01T09:30:00+07:00',
    });
  });
});

describe('dates and errors', () => {
  it('writes dates in Lao and English, in Lao time', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('1 March 2026');
    expect(formatDate('2026-03-01', 'lo')).toBe('1 ມີນາ 2026');
    expect(formatDateTime('2026-03-01T20:05:00Z', 'lo')).toBe('2 ມີນາ 2026, 03:05');
    expect(formatDateTime('2026-03-01T20:05:00Z', 'en')).toBe('2 Mar 2026, 03:05');
    // 20:00 UTC is already the next day in Vientiane
    expect(formatDate('2026-03-01T20:00:00Z', 'en')).toBe('2 March 2026');
    expect(todayInLaos(new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
    expect(nowLocalInLaos(new Date('2026-03-01T20:05:00Z'))).toBe('2026-03-02T03:05');
    expect(laoLocalToIso('2026-03-02T03:05')).toBe('2026-03-02T03:05:00+07:00');
    expect(laoLocalToIso('yesterday')).toBeNull();
  });

  it('puts API refusals into words and names the bad fields', () => {
    const stale = new HttpErrorResponse({ status: 409, error: { code: 'STALE_VERSION' } });
    expect(describeError(stale, t, 'en')).toMatchObject({ code: 'STALE_VERSION', message: en['cases.err.stale'] });
    const editor = new HttpErrorResponse({ status: 409, error: { code: 'NOT_CASE_EDITOR' } });
    expect(describeError(editor, t, 'en').message).toBe('Only the assigned caseworker or a supervisor may change this case');
    const bad = new HttpErrorResponse({ status: 400, error: { details: [{ field: 'grantedAt', problems: ['x'] }] } });
    expect(describeError(bad, t, 'en')).toMatchObject({ message: en['cases.err.invalid'], fields: { grantedAt: en['cases.err.field'] } });
    const taken = new HttpErrorResponse({ status: 409, error: { code: 'USERNAME_TAKEN' } });
    expect(describeError(taken, t, 'en', (c) => (c === 'USERNAME_TAKEN' ? 'taken' : null)).message).toBe('taken');
    expect(describeError(new HttpErrorResponse({ status: 0 }), t, 'en').message).toBe(en['cases.err.unavailable']);
  });

  it('toggles checkbox values', () => {
    expect(toggle(['A'], 'B', true)).toEqual(['A', 'B']);
    expect(toggle(['A', 'B'], 'A', false)).toEqual(['B']);
  });
});

describe('timeline details', () => {
  it('labels coded details, never free text', () => {
    expect(eventDetail({ id: 'e', kind: 'STATUS_CHANGED', at: '', actor: null, details: { from: 'OPEN', to: 'ACTIVE' } }, 'en')).toBe('Open → Active');
    expect(eventDetail({ id: 'e', kind: 'NOTE_ADDED', at: '', actor: null, details: { noteId: 'x' } }, 'en')).toBe('');
  });
});
