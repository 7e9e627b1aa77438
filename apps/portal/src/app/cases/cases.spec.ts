import type { CaseDetailView } from '@ctms/domain';
import { draftFromCase, parseCountries, patchFor } from './case-draft';
import { filterFromQuery } from './case-list.page';
import { consentBody, effectiveStatusKey, emptyConsentDraft } from './case-consents';
import { eventDetail } from './case-timeline';

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
  exploitation: {
    narrative: 'n',
    journeyEvents: [{ stage: 'TRANSIT', place: null, date: '2025-01-02', description: null }],
    meansOfControl: [],
  },
  perpetrators: [],
  health: null,
  contact: { currentShelter: 'Shelter A' },
  legal: null,
  plan: null,
  identification: null,
  allowedActions: {
    case: ['ACTIVATE', 'CLOSE'],
    identification: [],
    edit: true,
    assign: false,
    accessLog: false,
    requestIdentification: false,
    requestClosure: false,
    flags: false,
    handoff: false,
    refer: false,
  },
};

describe('case list filters', () => {
  it('takes only coded values from the URL', () => {
    expect(filterFromQuery({ status: 'OPEN', province: '05', mine: '1' })).toEqual({
      status: 'OPEN',
      province: '05',
      assignedTo: 'me',
    });
    expect(filterFromQuery({ status: 'NOPE', province: '99', mine: 'x', name: 'Somchai' })).toEqual({});
  });
});

describe('case record drafts', () => {
  it('round-trips a case into form values and back to a one-section PATCH', () => {
    const d = draftFromCase(CASE);
    expect(d.destinationCountries).toBe('TH');
    expect(d.contact.currentShelter).toBe('Shelter A');
    expect(patchFor('contact', d)).toEqual({ contact: { currentShelter: 'Shelter A' } });
    expect(patchFor('exploitation', d)).toEqual({
      exploitation: { narrative: 'n', journeyEvents: [{ stage: 'TRANSIT', date: '2025-01-02' }] },
    });
  });

  it('sends null to clear an emptied category or list', () => {
    const d = draftFromCase(CASE);
    d.contact = { currentShelter: ' ', safeContact: '', notes: '' };
    expect(patchFor('contact', d)).toEqual({ contact: null });
    d.exploitationTypes = [];
    d.destinationCountries = '';
    expect(patchFor('overview', d)).toEqual({
      exploitationTypes: null,
      destinationCountries: null,
      riskLevel: null,
      needs: null,
    });
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

describe('timeline details', () => {
  it('labels coded details, never free text', () => {
    expect(
      eventDetail(
        { id: 'e', kind: 'STATUS_CHANGED', at: '', actor: null, details: { from: 'OPEN', to: 'ACTIVE' } },
        'en',
      ),
    ).toBe('Open → Active');
    expect(eventDetail({ id: 'e', kind: 'NOTE_ADDED', at: '', actor: null, details: { noteId: 'x' } }, 'en')).toBe('');
  });
});
