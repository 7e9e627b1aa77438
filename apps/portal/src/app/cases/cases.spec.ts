import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { EXPLOITATION_TYPES, type CaseDetailView } from '@ctms/domain';
import { CaseApi } from './case-api';
import { draftFromCase, parseCountries, patchFor, recordForm } from './case-draft';
import { CaseRecord } from './case-record';
import { CaseStore } from './case-store';
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

describe('case record editor (typed reactive form)', () => {
  it('holds the draft it was filled from', () => {
    expect(recordForm(draftFromCase(CASE)).getRawValue()).toEqual(draftFromCase(CASE));
  });

  it('edits one section and sends only that section with the version read', async () => {
    const patches: { id: string; version: number; body: unknown }[] = [];
    const store = {
      case: signal(CASE),
      fieldErrors: signal({}),
      notice: signal(null),
      busy: signal(false),
      lastCode: signal(null),
      write: async (fn: (c: CaseDetailView) => Promise<CaseDetailView>) => (await fn(CASE), true),
    };
    const api = {
      patch: (id: string, version: number, body: unknown) => (
        patches.push({ id, version, body }),
        Promise.resolve(CASE)
      ),
    };
    TestBed.configureTestingModule({
      imports: [CaseRecord],
      providers: [
        { provide: CaseStore, useValue: store },
        { provide: CaseApi, useValue: api },
      ],
    });
    const fixture = TestBed.createComponent(CaseRecord);
    const el = fixture.nativeElement as HTMLElement;
    const q = <T extends Element>(s: string) => el.querySelector<T>(s);
    const type = (input: HTMLInputElement | HTMLTextAreaElement | null, text: string) => {
      if (!input) throw new Error('no input');
      input.value = text;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async (section: string) => {
      q(`[data-testid="form-${section}"]`)?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
      fixture.detectChanges();
    };
    fixture.detectChanges();

    q<HTMLButtonElement>('[data-testid="edit-overview"]')?.click();
    fixture.detectChanges();
    type(q('input[name="countries"]'), 'th, vn');
    const extra = EXPLOITATION_TYPES.find((x) => x !== 'FORCED_LABOUR') ?? '';
    const boxes = Array.from(el.querySelectorAll<HTMLInputElement>('[data-testid="form-overview"] mat-checkbox input'));
    boxes[EXPLOITATION_TYPES.indexOf(extra as (typeof EXPLOITATION_TYPES)[number])]?.click();
    await submit('overview');
    expect(patches[0]).toEqual({
      id: 'c1',
      version: 3,
      body: {
        exploitationTypes: ['FORCED_LABOUR', extra],
        destinationCountries: ['TH', 'VN'],
        riskLevel: null,
        needs: null,
      },
    });
    expect(q('[data-testid="form-overview"]')).toBeNull();

    q<HTMLButtonElement>('[data-testid="edit-exploitation"]')?.click();
    fixture.detectChanges();
    const buttons = () =>
      Array.from(el.querySelectorAll<HTMLButtonElement>('[data-testid="form-exploitation"] button'));
    buttons()
      .find((b) => b.textContent?.includes('cases.record.addJourney'))
      ?.click();
    fixture.detectChanges();
    type(q('input[name="place1"]'), 'Vientiane');
    buttons()
      .find((b) => b.textContent?.includes('cases.remove'))
      ?.click();
    fixture.detectChanges();
    await submit('exploitation');
    expect(patches[1]?.body).toEqual({
      exploitation: { narrative: 'n', journeyEvents: [{ stage: 'RECRUITMENT', place: 'Vientiane' }] },
    });
  });
});
