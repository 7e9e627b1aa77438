import {
  screeningSubmitGaps,
  givenNameOrAlias,
  SCREENING_SUBMIT_FIELDS,
  SCREENING_SUBMIT_REQUIREMENTS,
} from './screening-submit';

const ANSWERS = [
  { code: 'DR01', answer: 'PRESENT' as const },
  { code: 'EX01', answer: 'UNKNOWN' as const },
];

describe('screeningSubmitGaps', () => {
  it('names everything an empty screening lacks, in interview order', () => {
    expect(screeningSubmitGaps({})).toEqual([...SCREENING_SUBMIT_REQUIREMENTS]);
  });

  it('is satisfied by a name, sex, a birth year and one recruitment and one exploitation answer', () => {
    const s = {
      bioData: { givenNameLo: 'ບົວ', sex: 'FEMININE', dateOfBirth: '1999-01-01', dobPrecision: 'YEAR' },
      indicatorAnswers: ANSWERS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    };
    expect(screeningSubmitGaps(s)).toEqual([]);
  });

  it.each([
    ['an alias instead of the name', { nicknames: ['', 'ນ້ອຍ'], sex: 'MASCULINE', ageAtInterview: 30 }, []],
    ['an age instead of the birth date', { givenNameLo: 'ບົວ', sex: 'FEMININE', ageAtInterview: 17 }, []],
    [
      'an UNKNOWN birth-date precision',
      { givenNameLo: 'ບົວ', sex: 'FEMININE', dateOfBirth: '1999-01-01', dobPrecision: 'UNKNOWN' },
      ['AGE_OR_BIRTH_YEAR'],
    ],
    [
      'sex UNKNOWN and a blank name',
      { givenNameLo: '  ', sex: 'UNKNOWN', ageAtInterview: 20 },
      ['NAME_OR_ALIAS', 'SEX'],
    ],
    [
      'a presumed minor of unknown age',
      { givenNameLo: 'ບົວ', sex: 'FEMININE', dobPrecision: 'UNKNOWN', presumedMinor: true },
      [],
    ],
    ['a linked person', { personId: '5b0c8c1e-2b7e-4c55-9a7b-1f0f3c1a2b3c' }, []],
  ])('%s', (_name, bioData, gaps) => {
    expect(screeningSubmitGaps({ bioData, indicatorAnswers: ANSWERS, interviewerAssessment: 'INCONCLUSIVE' })).toEqual(
      gaps,
    );
  });

  it('needs an answer in a recruitment dimension and one in exploitative conditions', () => {
    const bio = { givenNameLo: 'ບົວ', sex: 'FEMININE', ageAtInterview: 20 };
    expect(screeningSubmitGaps({ bioData: bio, indicatorAnswers: [ANSWERS[0]], interviewerAssessment: 'X' })).toEqual([
      'EXPLOITATION_ANSWERS',
    ]);
    expect(screeningSubmitGaps({ bioData: bio, indicatorAnswers: [ANSWERS[1]], interviewerAssessment: 'X' })).toEqual([
      'RECRUITMENT_ANSWERS',
    ]);
  });

  it('points each gap at a field and takes the alias when there is no given name', () => {
    for (const r of SCREENING_SUBMIT_REQUIREMENTS) expect(SCREENING_SUBMIT_FIELDS[r]).toBeTruthy();
    expect(givenNameOrAlias({ givenNameLo: ' ບົວ ' })).toBe('ບົວ');
    expect(givenNameOrAlias({ nicknames: ['ນ້ອຍ'] })).toBe('ນ້ອຍ');
    expect(givenNameOrAlias(null)).toBeNull();
  });
});
