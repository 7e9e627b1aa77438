import { describe, expect, it } from 'vitest';
import { emptyDraft, type Draft } from './screening.logic';
import { mergeDrafts, settle } from './screening-conflict';

function draft(patch: (d: Draft) => void): Draft {
  const d = emptyDraft('01');
  d.recruitment = { promisedJob: 'cook', narrative: 'base story' };
  d.destinationAndExploitation = { city: 'Bangkok', country: 'TH' };
  d.indicatorAnswers = [{ code: 'DR01', answer: 'PRESENT' }];
  patch(d);
  return d;
}

describe('a 409 merged field by field (issue 17 item 7)', () => {
  const base = draft(() => undefined);

  it('keeps what changed only here, takes what changed only there, and asks where both changed', () => {
    const mine = draft((d) => {
      d.recruitment['promisedJob'] = 'waitress'; // both changed: conflict
      d.recruitment['narrative'] = 'my story'; // only here: kept
      d.indicatorAnswers = [
        { code: 'DR01', answer: 'ABSENT' },
        { code: 'EX01', answer: 'PRESENT' },
      ]; // DR01 both, EX01 only here
    });
    const theirs = draft((d) => {
      d.recruitment['promisedJob'] = 'cleaner';
      d.destinationAndExploitation['city'] = 'Pattaya'; // only there, in a section not edited here
      d.indicatorAnswers = [{ code: 'DR01', answer: 'UNKNOWN' }];
    });
    const merge = mergeDrafts(base, mine, theirs, ['recruitment', 'indicatorAnswers']);
    expect(merge.conflicts.map((c) => [c.path, c.mine, c.theirs])).toEqual([
      ['recruitment.promisedJob', 'waitress', 'cleaner'],
      ['indicatorAnswers.DR01', { code: 'DR01', answer: 'ABSENT' }, { code: 'DR01', answer: 'UNKNOWN' }],
    ]);
    expect(merge.draft.recruitment).toEqual({ promisedJob: 'cleaner', narrative: 'my story' });
    expect(merge.draft.destinationAndExploitation['city']).toBe('Pattaya');

    const chosen = settle(merge, new Set(['recruitment.promisedJob']));
    expect(chosen.recruitment).toEqual({ promisedJob: 'waitress', narrative: 'my story' });
    expect(new Map(chosen.indicatorAnswers.map((a) => [a.code, a.answer]))).toEqual(
      new Map([
        ['DR01', 'UNKNOWN'],
        ['EX01', 'PRESENT'],
      ]),
    );
    // the inputs are not changed
    expect(mine.recruitment['promisedJob']).toBe('waitress');
    expect(theirs.recruitment['promisedJob']).toBe('cleaner');
  });

  it('finds no conflict when both sides made the same change, and a field cleared here counts as a change', () => {
    const mine = draft((d) => {
      d.recruitment['promisedJob'] = 'cleaner';
      delete d.recruitment['narrative'];
    });
    const theirs = draft((d) => {
      d.recruitment['promisedJob'] = 'cleaner';
    });
    const merge = mergeDrafts(base, mine, theirs, ['recruitment']);
    expect(merge.conflicts).toEqual([]);
    expect(merge.draft.recruitment).toEqual({ promisedJob: 'cleaner' });
  });

  it('a scalar section (the assessment) is one field', () => {
    const mine = draft((d) => (d.interviewerAssessment = 'POSSIBLE_VICTIM'));
    const theirs = draft((d) => (d.interviewerAssessment = 'NOT_A_VICTIM'));
    const merge = mergeDrafts(base, mine, theirs, ['interviewerAssessment']);
    expect(merge.conflicts.map((c) => c.path)).toEqual(['interviewerAssessment']);
    expect(settle(merge, new Set(['interviewerAssessment'])).interviewerAssessment).toBe('POSSIBLE_VICTIM');
    expect(settle(merge, new Set()).interviewerAssessment).toBe('NOT_A_VICTIM');
  });
});
