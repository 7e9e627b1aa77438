import { describe, expect, it } from 'vitest';
import { indicatorsForProfile, INTERVIEW_CONSENT_QUESTIONS, type ScreeningView } from '@ctms/domain';
import { en, lo } from '../core/i18n/dictionaries';
import {
  clearAllDrafts,
  DRAFT_MAX_AGE_MS,
  draftKey,
  openDraft,
  pendingDraftIds,
  readDraft,
  sealDraft,
  type KeyValueStorage,
} from './draft-store';
import { failureMessageKey } from './screening-errors';
import {
  applySections,
  clean,
  consentState,
  draftChildFacts,
  draftFromView,
  draftProfile,
  duplicateSearchInput,
  emptyDraft,
  errorsByField,
  fromLaoLocalInput,
  indicatorGroups,
  liveAssessment,
  pickSections,
  sectionsBody,
  setIndicatorAnswer,
  toLaoLocalInput,
} from './screening.logic';
import { FIELD_LABELS } from './field-labels';
import { fieldLabelKeys } from './section-specs';
import { formatDate, formatDateTime } from '@ctms/ui';

const allYes = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));

describe('consentState', () => {
  it('is COMPLETE only with all seven YES', () => {
    expect(consentState(allYes)).toBe('COMPLETE');
    expect(consentState({})).toBe('UNANSWERED');
    expect(consentState({ ...allYes, INFORMED_OF_RETENTION: undefined })).toBe('UNANSWERED');
  });
  it('is REFUSED as soon as one answer is not YES (NO or NOT_APPLICABLE)', () => {
    expect(consentState({ CONSENTS_TO_INTERVIEW: 'NO' })).toBe('REFUSED');
    expect(consentState({ ...allYes, INFORMED_OF_WITHDRAWAL: 'NOT_APPLICABLE' })).toBe('REFUSED');
  });
});

describe('clean and sectionsBody', () => {
  it('drops blanks, nulls, empty arrays and objects deeply but keeps row positions', () => {
    expect(clean({ a: '', b: null, c: [], d: {}, e: ' x ', f: [{ n: '' }, { n: '1' }], g: false, h: 0 })).toEqual({
      e: ' x ',
      f: [{}, { n: '1' }],
      g: false,
      h: 0,
    });
  });
  it('sends each named section, an emptied one as null, never a null metadata', () => {
    const d = emptyDraft('05');
    d.recruitment = { promisedJob: 'factory' };
    d.metadata = { provinceCode: '05', district: '' };
    d.indicatorAnswers = [{ code: 'DR01', answer: 'PRESENT', evidence: '  lied about the job ' }];
    const body = sectionsBody(d, ['recruitment', 'exit', 'metadata', 'indicatorAnswers', 'interviewerAssessment']);
    expect(body).toEqual({
      recruitment: { promisedJob: 'factory' },
      exit: null,
      metadata: { provinceCode: '05' },
      indicatorAnswers: [{ code: 'DR01', answer: 'PRESENT', evidence: 'lied about the job' }],
      interviewerAssessment: null,
    });
  });
  it('local edits replace whole sections of the server copy', () => {
    const server = emptyDraft('01');
    server.bioData = { givenNameLo: 'ນາງ' };
    server.exit = { method: 'ESCAPED' };
    const local = emptyDraft('01');
    local.bioData = { givenNameLo: 'ນາງ ແກ້ວ', sex: 'FEMININE' };
    const merged = applySections(server, pickSections(local, ['bioData']));
    expect(merged.bioData).toEqual({ givenNameLo: 'ນາງ ແກ້ວ', sex: 'FEMININE' });
    expect(merged.exit).toEqual({ method: 'ESCAPED' });
    expect(merged.bioData).not.toBe(local.bioData);
  });
});

describe('draftFromView', () => {
  it('keeps only what the API takes back (no `complete`, no nulls)', () => {
    const view = {
      metadata: { provinceCode: '01', district: null, othersPresent: [] },
      interviewConsent: { ...allYes, givenBy: null, complete: true },
      interpreter: null,
      bioData: { givenNameLo: 'ກ' },
      recruitment: null,
      transit: null,
      destinationAndExploitation: null,
      exit: null,
      needsAndRisks: null,
      indicatorAnswers: [{ code: 'DR01', answer: 'ABSENT' }],
      interviewerAssessment: null,
      assessmentRationale: null,
    } as unknown as ScreeningView;
    const d = draftFromView(view);
    expect(d.metadata).toEqual({ provinceCode: '01' });
    expect(d.interviewConsent).toEqual(allYes);
    expect(d.interpreter).toEqual({});
    expect(d.indicatorAnswers).toEqual([{ code: 'DR01', answer: 'ABSENT' }]);
  });
});

describe('age, child and profile', () => {
  it('treats a presumed minor or an under-18 as a child and picks the child profile', () => {
    const d = emptyDraft('01');
    d.metadata['interviewAt'] = '2026-01-15T10:00:00+07:00';
    d.bioData = { dateOfBirth: '1990-05-01', dobPrecision: 'DAY' };
    expect(draftChildFacts(d).isChild).toBe(false);
    expect(draftProfile(d)).toBe('ADULT_LABOUR');
    d.bioData['presumedMinor'] = true;
    expect(draftChildFacts(d).isChild).toBe(true);
    expect(draftProfile(d)).toBe('CHILD_LABOUR');
    d.bioData = { ageAtInterview: 16 };
    expect(draftProfile(d)).toBe('CHILD_LABOUR');
  });
});

describe('indicators', () => {
  it('groups every indicator of the profile by dimension', () => {
    const groups = indicatorGroups('ADULT_LABOUR');
    expect(groups.flatMap((g) => g.indicators).length).toBe(indicatorsForProfile('ADULT_LABOUR').length);
    expect(groups[0]?.dimension).toBe('DECEPTIVE_RECRUITMENT');
  });
  it('updates the indicative result as answers change', () => {
    let answers = setIndicatorAnswer([], 'DR01', 'PRESENT');
    expect(liveAssessment(answers, 'CHILD_LABOUR').dimensions.DECEPTIVE_RECRUITMENT.positive).toBe(false);
    answers = setIndicatorAnswer(answers, 'DR02', 'PRESENT');
    const a = liveAssessment(answers, 'CHILD_LABOUR');
    expect(a.dimensions.DECEPTIVE_RECRUITMENT.positive).toBe(true);
    expect(a.label).toBe('INDICATIVE');
    expect(a.indicativeResult).toBe('INDICATORS_NOT_MET');
  });
  it('keeps the evidence when the answer changes and removes the answer on null', () => {
    let answers = setIndicatorAnswer([], 'DR01', 'PRESENT', 'told it was a restaurant');
    answers = setIndicatorAnswer(answers, 'DR01', 'UNKNOWN');
    expect(answers).toEqual([{ code: 'DR01', answer: 'UNKNOWN', evidence: 'told it was a restaurant' }]);
    expect(setIndicatorAnswer(answers, 'DR01', null)).toEqual([]);
  });
  it('leaves out an unknown code instead of throwing', () => {
    expect(liveAssessment([{ code: 'XX99', answer: 'PRESENT' }], 'ADULT_LABOUR').indicativeResult).toBe(
      'INDICATORS_NOT_MET',
    );
  });
});

describe('Lao time', () => {
  it('converts between a datetime-local value in Lao time and an ISO instant with its zone', () => {
    expect(fromLaoLocalInput('2026-01-15T09:30')).toBe('2026-01-15T09:30:00+07:00');
    expect(fromLaoLocalInput('')).toBeNull();
    expect(toLaoLocalInput('2026-01-15T02:30:00Z')).toBe('2026-01-15T09:30');
    expect(toLaoLocalInput(null)).toBe('');
  });
});

describe('errors', () => {
  it('indexes 400 details by field path', () => {
    expect(
      errorsByField([
        { field: 'bioData.documents.0.number', problems: ['too long'] },
        { field: 'bioData.documents.0.number', problems: ['x'] },
      ]),
    ).toEqual({
      'bioData.documents.0.number': ['too long', 'x'],
    });
  });
  it('translates 409 codes and connection loss', () => {
    expect(failureMessageKey({ status: 409, code: 'OWN_SCREENING', message: '', details: [] })).toBe(
      'scr.err.OWN_SCREENING',
    );
    expect(failureMessageKey({ status: 409, code: 'SOMETHING_NEW', message: '', details: [] })).toBe('scr.err.generic');
    expect(failureMessageKey({ status: 0, code: null, message: '', details: [] })).toBe('scr.err.offline');
  });
});

describe('duplicateSearchInput', () => {
  it('uses the Lao name, else a Latin one, with the birth year and the first document number', () => {
    expect(
      duplicateSearchInput({
        givenNameLo: 'ແກ້ວ',
        familyNameLo: 'ສີສະຫວັດ',
        dateOfBirth: '2001-03-04',
        dobPrecision: 'DAY',
        documents: [{ type: 'PASSPORT', number: ' P123 ' }],
      }),
    ).toEqual({
      name: 'ແກ້ວ ສີສະຫວັດ',
      dateOfBirth: '2001',
      documentNumber: 'P123',
    });
    expect(duplicateSearchInput({ latinNames: ['Keo'] })).toEqual({ name: 'Keo' });
    expect(duplicateSearchInput({})).toBeNull();
  });
});

class MemoryStorage implements KeyValueStorage {
  private readonly m = new Map<string, string>();
  get length(): number {
    return this.m.size;
  }
  key(i: number): string | null {
    return [...this.m.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.m.set(k, v);
  }
  removeItem(k: string): void {
    this.m.delete(k);
  }
}

describe('draft store', () => {
  it('reads back a sealed device copy for the same user only, drops old or broken ones, clears all on sign-out', () => {
    const s = new MemoryStorage();
    const now = Date.now();
    s.setItem(draftKey('u1', 'abc'), JSON.stringify({ savedAt: now, iv: 'aXY=', data: 'ZGF0YQ==' }));
    s.setItem(
      draftKey('u1', 'old'),
      JSON.stringify({ savedAt: now - DRAFT_MAX_AGE_MS - 1, iv: 'aXY=', data: 'ZGF0YQ==' }),
    );
    s.setItem(draftKey('u1', 'bad'), '{not json');
    s.setItem('ctms.language', 'lo');
    expect(readDraft(s, 'u1', 'abc', now)?.data).toBe('ZGF0YQ==');
    expect(readDraft(s, 'u2', 'abc', now)).toBeNull();
    expect(readDraft(s, 'u1', 'old', now)).toBeNull();
    expect(readDraft(s, 'u1', 'bad', now)).toBeNull();
    expect(pendingDraftIds(s, 'u1')).toEqual(['abc']);
    expect(clearAllDrafts(s)).toBe(1);
    expect(s.getItem('ctms.language')).toBe('lo');
  });

  it('seals edits with a non-extractable key: no plaintext, and only its own entry and key open it', async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const other = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const draft = { baseVersion: 2, sections: { recruitment: { narrative: 'canary-ບົວ' } }, savedAt: 1 };
    const sealed = await sealDraft(key, 'k1', draft);
    expect(JSON.stringify(sealed)).not.toContain('canary');
    expect(await openDraft(key, 'k1', sealed)).toEqual(draft);
    expect(await openDraft(key, 'k2', sealed)).toBeNull();
    expect(await openDraft(other, 'k1', sealed)).toBeNull();
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });
});

describe('dictionary', () => {
  it('has an English and a Lao label for every field of every section', () => {
    for (const k of fieldLabelKeys()) {
      expect(FIELD_LABELS[k]?.en, k).toBeTruthy();
      expect(FIELD_LABELS[k]?.lo, k).toMatch(/[\u0E80-\u0EFF]/);
    }
    expect(Object.keys(FIELD_LABELS).sort()).toEqual(fieldLabelKeys().sort());
  });

  it('has the words of the wizard in both languages', () => {
    expect(en['scr.ind.notLegal']).toMatch(/not a legal status/);
    expect(lo['scr.ind.notLegal']).toMatch(/[\u0E80-\u0EFF]/);
  });
});

describe('dates', () => {
  it('are written in Lao time, with Lao month names in Lao', () => {
    expect(formatDateTime('2026-11-28T21:33:00Z', 'lo')).toBe('29 ພະຈິກ 2026, 04:33');
    expect(formatDateTime('2026-11-28T21:33:00Z', 'en')).toBe('29 Nov 2026, 04:33');
    expect(formatDate('1998-03-01', 'lo')).toBe('1 ມີນາ 1998');
    expect(formatDateTime(null, 'en')).toBe('');
  });
});
