import {
  assessIndicators,
  caseRuleMet,
  ILO_INDICATOR_SOURCE,
  ILO_INDICATORS,
  INDICATOR_DIMENSIONS,
  IndicatorAnswer,
  IndicatorAnswerError,
  IndicatorAnswerValue,
  IndicatorDimension,
  IndicatorProfileId,
  IndicatorStrength,
  indicatorByCode,
  indicatorLabelEn,
  indicatorsForProfile,
  isDimensionPositive,
  PROFILES,
  profileFor,
  RULE_VERSION,
  validateIndicatorAnswers,
} from './indicators';
import rawJson from '../reference/ilo-indicators.json';

/** Codes of `dimension` with `strength` in `profile`, in catalogue order. */
function codes(profile: IndicatorProfileId, dimension: IndicatorDimension, strength: IndicatorStrength): string[] {
  return ILO_INDICATORS.filter((d) => d.dimension === dimension && d.strengths[profile] === strength).map(
    (d) => d.code,
  );
}

/** `n` PRESENT answers of the given strength from a dimension (fails the test if there are not enough). */
interface Counts {
  strong?: number;
  medium?: number;
  weak?: number;
}

function present(
  profile: IndicatorProfileId,
  dimension: IndicatorDimension,
  counts: Counts,
  answer: IndicatorAnswerValue = 'PRESENT',
): IndicatorAnswer[] {
  const out: IndicatorAnswer[] = [];
  for (const [strength, n] of [
    ['STRONG', counts.strong ?? 0],
    ['MEDIUM', counts.medium ?? 0],
    ['WEAK', counts.weak ?? 0],
  ] as const) {
    const available = codes(profile, dimension, strength);
    if (available.length < n) throw new Error(`${profile}/${dimension} has only ${available.length} ${strength}`);
    for (const code of available.slice(0, n)) out.push({ code, answer, evidence: `evidence for ${code}` });
  }
  return out;
}

describe('indicator catalogue', () => {
  it('holds the 67 indicators of the JSON, with per-dimension counts of the ILO adult labour list', () => {
    expect(ILO_INDICATORS).toHaveLength(67);
    expect(ILO_INDICATORS.length).toBe(rawJson.indicators.length);
    const perDim = (d: IndicatorDimension) => ILO_INDICATORS.filter((i) => i.dimension === d).length;
    expect(INDICATOR_DIMENSIONS.map(perDim)).toEqual([10, 10, 16, 9, 15, 7]);
  });

  it('copies the verified strengths from the JSON exactly', () => {
    for (const raw of rawJson.indicators) {
      const def = indicatorByCode(raw.code);
      const strength = raw.strength as Partial<Record<string, string>>;
      expect(def?.strengths.ADULT_LABOUR).toBe(strength['ADULT_LABOUR']);
      expect(def?.strengths.CHILD_LABOUR).toBe(strength['CHILD_LABOUR']);
      expect(def?.dimension).toBe(raw.dimension);
    }
  });

  it('has 67 adult-labour and 65 child-labour indicators; the child list lacks RV08 and EX08 and has no WEAK tier', () => {
    expect(indicatorsForProfile('ADULT_LABOUR')).toHaveLength(67);
    const child = indicatorsForProfile('CHILD_LABOUR');
    expect(child).toHaveLength(65);
    expect(child.map((d) => d.code)).not.toEqual(expect.arrayContaining(['RV08']));
    expect(child.map((d) => d.code)).not.toEqual(expect.arrayContaining(['EX08']));
    expect(child.some((d) => d.strengths.CHILD_LABOUR === 'WEAK')).toBe(false);
  });

  it('keeps the "disputed" notes (RV13, RV14)', () => {
    expect(indicatorByCode('RV13')?.disputed).toMatch(/WEAK/);
    expect(indicatorByCode('RV14')?.disputed).toMatch(/WEAK/);
    expect(indicatorByCode('RV12')?.disputed).toBeUndefined();
  });

  it('is frozen', () => {
    expect(Object.isFrozen(ILO_INDICATORS)).toBe(true);
    expect(Object.isFrozen(ILO_INDICATORS[0]?.strengths)).toBe(true);
    expect(Object.isFrozen(PROFILES.ADULT_LABOUR)).toBe(true);
  });

  it('returns undefined for unknown codes', () => {
    expect(indicatorByCode('XX99')).toBeUndefined();
    expect(indicatorLabelEn('XX99', 'ADULT_LABOUR')).toBeUndefined();
  });
});

describe('sexual-exploitation profiles (derived, unverified)', () => {
  it('are flagged verified: false, as the JSON source note requires', () => {
    expect(ILO_INDICATOR_SOURCE).toMatch(/NOT verified/);
    expect(PROFILES.ADULT_SEXUAL.verified).toBe(false);
    expect(PROFILES.CHILD_SEXUAL.verified).toBe(false);
    expect(PROFILES.ADULT_LABOUR.verified).toBe(true);
    expect(PROFILES.CHILD_LABOUR.verified).toBe(true);
  });

  it('ADULT_SEXUAL applies the known sexual-exploitation differences and keeps everything else from ADULT_LABOUR', () => {
    const changed: Record<string, IndicatorStrength> = {
      CR03: 'STRONG',
      CD07: 'STRONG',
      CD05: 'STRONG',
      EX01: 'MEDIUM',
      CD15: 'MEDIUM',
      AD07: 'MEDIUM',
    };
    for (const d of ILO_INDICATORS) {
      expect([d.code, d.strengths.ADULT_SEXUAL]).toEqual([d.code, changed[d.code] ?? d.strengths.ADULT_LABOUR]);
    }
    expect(codes('ADULT_SEXUAL', 'EXPLOITATIVE_CONDITIONS', 'STRONG')).toEqual([]);
    expect(indicatorLabelEn('DR01', 'ADULT_SEXUAL')).toBe('Deceived about the nature of the job or location');
    expect(indicatorLabelEn('DR03', 'ADULT_SEXUAL')).toBe('Deceived about conditions of prostitution');
    expect(indicatorLabelEn('DR03', 'ADULT_LABOUR')).toBe('Deceived about conditions of work');
  });

  it('CHILD_SEXUAL starts from CHILD_LABOUR with CD07 and EX06 STRONG', () => {
    for (const d of ILO_INDICATORS) {
      const expected = d.code === 'EX06' || d.code === 'CD07' ? 'STRONG' : d.strengths.CHILD_LABOUR;
      expect([d.code, d.strengths.CHILD_SEXUAL]).toEqual([d.code, expected]);
    }
    expect(indicatorsForProfile('CHILD_SEXUAL')).toHaveLength(65);
    expect(indicatorLabelEn('DR03', 'CHILD_SEXUAL')).toBe('Deceived about conditions of prostitution');
  });

  it('results computed with them say profileVerified: false', () => {
    expect(assessIndicators([], 'ADULT_SEXUAL').profileVerified).toBe(false);
    expect(assessIndicators([], 'CHILD_SEXUAL').profileVerified).toBe(false);
    expect(assessIndicators([], 'ADULT_LABOUR').profileVerified).toBe(true);
  });
});

describe('profileFor', () => {
  it.each([
    [{ ageYears: 17, presumedMinor: false }, 'CHILD_LABOUR'],
    [{ ageYears: 17.9, presumedMinor: false }, 'CHILD_LABOUR'],
    [{ ageYears: 0, presumedMinor: false }, 'CHILD_LABOUR'],
    [{ ageYears: 18, presumedMinor: false }, 'ADULT_LABOUR'],
    [{ ageYears: 45, presumedMinor: false }, 'ADULT_LABOUR'],
    [{ presumedMinor: false }, 'ADULT_LABOUR'],
    [{ ageYears: null, presumedMinor: false }, 'ADULT_LABOUR'],
    [{ presumedMinor: true }, 'CHILD_LABOUR'],
    [{ ageYears: 19, presumedMinor: true }, 'CHILD_LABOUR'],
    [{ ageYears: 16, presumedMinor: false, exploitation: 'LABOUR' }, 'CHILD_LABOUR'],
    [{ ageYears: 16, presumedMinor: false, exploitation: 'SEXUAL' }, 'CHILD_SEXUAL'],
    [{ presumedMinor: true, exploitation: 'SEXUAL' }, 'CHILD_SEXUAL'],
    [{ ageYears: 30, presumedMinor: false, exploitation: 'SEXUAL' }, 'ADULT_SEXUAL'],
    [{ ageYears: 30, presumedMinor: false, exploitation: 'LABOUR' }, 'ADULT_LABOUR'],
  ] as const)('%j → %s', (input, expected) => {
    expect(profileFor(input)).toBe(expected);
  });

  it('rejects impossible ages', () => {
    expect(() => profileFor({ ageYears: -1, presumedMinor: false })).toThrow(RangeError);
    expect(() => profileFor({ ageYears: Number.NaN, presumedMinor: false })).toThrow(RangeError);
    expect(() => profileFor({ ageYears: Number.POSITIVE_INFINITY, presumedMinor: false })).toThrow(RangeError);
  });
});

describe('dimension rule (isDimensionPositive)', () => {
  it.each([
    // [strong, medium, weak, positive, clause]
    [0, 0, 0, false, 'nothing'],
    [1, 0, 0, false, '1 strong alone misses (b)'],
    [2, 0, 0, true, '(a) 2 strong'],
    [1, 1, 0, true, '(b) 1 strong + 1 medium'],
    [1, 0, 1, true, '(b) 1 strong + 1 weak'],
    [0, 2, 0, false, '2 medium alone misses (c) and (d)'],
    [0, 3, 0, true, '(c) 3 medium'],
    [0, 2, 1, true, '(d) 2 medium + 1 weak'],
    [0, 1, 1, false, '1 medium + 1 weak misses'],
    [0, 1, 2, false, '1 medium + 2 weak misses'],
    [0, 1, 5, false, '1 medium + any number of weak misses'],
    [0, 0, 1, false, '1 weak misses'],
    [0, 0, 3, false, 'weak alone never counts'],
    [0, 0, 7, false, 'weak alone never counts, however many'],
    [3, 4, 2, true, 'more than enough'],
  ])('%i strong + %i medium + %i weak → %s (%s)', (strong, medium, weak, positive) => {
    expect(isDimensionPositive({ strong, medium, weak })).toBe(positive);
  });
});

describe('dimension rule applied by assessIndicators (adult labour)', () => {
  const P: IndicatorProfileId = 'ADULT_LABOUR';
  // COERCION_AT_DESTINATION (adult) has 4 strong, 10 medium, 1 weak; RECRUITMENT_ABUSE_OF_VULNERABILITY has 2 weak.
  it.each([
    ['COERCION_AT_DESTINATION', { strong: 1 }, false],
    ['COERCION_AT_DESTINATION', { strong: 2 }, true],
    ['COERCION_AT_DESTINATION', { strong: 1, medium: 1 }, true],
    ['COERCION_AT_DESTINATION', { strong: 1, weak: 1 }, true],
    ['COERCION_AT_DESTINATION', { medium: 2 }, false],
    ['COERCION_AT_DESTINATION', { medium: 3 }, true],
    ['COERCION_AT_DESTINATION', { medium: 2, weak: 1 }, true],
    ['COERCION_AT_DESTINATION', { medium: 1, weak: 1 }, false],
    ['COERCION_AT_DESTINATION', { weak: 1 }, false],
    ['RECRUITMENT_ABUSE_OF_VULNERABILITY', { medium: 1, weak: 2 }, false],
    ['RECRUITMENT_ABUSE_OF_VULNERABILITY', { medium: 2, weak: 2 }, true],
    ['RECRUITMENT_ABUSE_OF_VULNERABILITY', { weak: 2 }, false],
    ['ABUSE_OF_VULNERABILITY_AT_DESTINATION', { medium: 1, weak: 2 }, false],
    ['ABUSE_OF_VULNERABILITY_AT_DESTINATION', { medium: 2, weak: 1 }, true],
    ['DECEPTIVE_RECRUITMENT', { strong: 1, weak: 1 }, true],
    ['DECEPTIVE_RECRUITMENT', { medium: 8, weak: 0 }, true],
  ] as [IndicatorDimension, Counts, boolean][])('%s with %j PRESENT → positive %s', (dimension, counts, positive) => {
    const r = assessIndicators(present(P, dimension, counts), P);
    const d = r.dimensions[dimension];
    const [s, m, w] = [counts.strong ?? 0, counts.medium ?? 0, counts.weak ?? 0];
    expect(d.positive).toBe(positive);
    expect([d.strong, d.medium, d.weak]).toEqual([s, m, w]);
    expect(d.present).toHaveLength(s + m + w);
    // nothing leaks into the other dimensions
    for (const other of INDICATOR_DIMENSIONS.filter((x) => x !== dimension)) {
      expect(r.dimensions[other]).toEqual({ positive: false, strong: 0, medium: 0, weak: 0, present: [], unknown: [] });
    }
  });

  it('uses the strength of the chosen profile (DR10 is WEAK for adults, STRONG for children)', () => {
    const answers: IndicatorAnswer[] = [
      { code: 'DR01', answer: 'PRESENT' },
      { code: 'DR10', answer: 'PRESENT' },
    ];
    expect(assessIndicators(answers, 'ADULT_LABOUR').dimensions.DECEPTIVE_RECRUITMENT).toMatchObject({
      positive: true,
      strong: 1,
      weak: 1,
    });
    expect(assessIndicators(answers, 'CHILD_LABOUR').dimensions.DECEPTIVE_RECRUITMENT).toMatchObject({
      positive: true,
      strong: 2,
      weak: 0,
    });
    // 2 strong in the child list (CR02 + CR03), only 2 medium for adults
    const cr: IndicatorAnswer[] = [
      { code: 'CR02', answer: 'PRESENT' },
      { code: 'CR03', answer: 'PRESENT' },
    ];
    expect(assessIndicators(cr, 'CHILD_LABOUR').dimensions.COERCIVE_RECRUITMENT.positive).toBe(true);
    expect(assessIndicators(cr, 'ADULT_LABOUR').dimensions.COERCIVE_RECRUITMENT.positive).toBe(false);
  });

  it('lists present codes in catalogue order whatever the answer order', () => {
    const r = assessIndicators(
      [
        { code: 'CD09', answer: 'PRESENT' },
        { code: 'CD01', answer: 'PRESENT' },
      ],
      P,
    );
    expect(r.dimensions.COERCION_AT_DESTINATION.present).toEqual(['CD01', 'CD09']);
  });
});

describe('UNKNOWN and ABSENT never count', () => {
  it.each(['UNKNOWN', 'ABSENT'] as const)('%s answers on every indicator give nothing positive', (answer) => {
    const all = ILO_INDICATORS.map((d) => ({ code: d.code, answer }));
    for (const p of ['ADULT_LABOUR', 'CHILD_LABOUR'] as const) {
      const r = assessIndicators(all, p);
      expect(r.indicativeResult).toBe('INDICATORS_NOT_MET');
      for (const d of INDICATOR_DIMENSIONS) {
        expect(r.dimensions[d]).toMatchObject({ positive: false, strong: 0, medium: 0, weak: 0, present: [] });
      }
    }
  });

  it('an UNKNOWN second strong indicator does not complete (a)', () => {
    const r = assessIndicators(
      [
        { code: 'CD01', answer: 'PRESENT' },
        { code: 'CD02', answer: 'UNKNOWN' },
        { code: 'CD03', answer: 'ABSENT' },
      ],
      'ADULT_LABOUR',
    );
    expect(r.dimensions.COERCION_AT_DESTINATION).toEqual({
      positive: false,
      strong: 1,
      medium: 0,
      weak: 0,
      present: ['CD01'],
      unknown: ['CD02'],
    });
  });

  it('a case that would be met turns to not met when one answer becomes UNKNOWN', () => {
    const base: IndicatorAnswer[] = [
      { code: 'DR01', answer: 'PRESENT' },
      { code: 'DR02', answer: 'PRESENT' },
      { code: 'EX01', answer: 'PRESENT' },
      { code: 'EX02', answer: 'PRESENT' },
      { code: 'CD01', answer: 'PRESENT' },
      { code: 'CD02', answer: 'PRESENT' },
    ];
    expect(assessIndicators(base, 'ADULT_LABOUR').indicativeResult).toBe('POSSIBLE_VICTIM');
    const withUnknown = base.map((a) => (a.code === 'EX02' ? { ...a, answer: 'UNKNOWN' as const } : a));
    const r = assessIndicators(withUnknown, 'ADULT_LABOUR');
    expect(r.indicativeResult).toBe('INDICATORS_NOT_MET');
    expect(r.dimensions.EXPLOITATIVE_CONDITIONS.unknown).toEqual(['EX02']);
  });

  it('missing answers count like UNKNOWN (nothing), an empty answer list is not met', () => {
    const r = assessIndicators([], 'ADULT_LABOUR');
    expect(r.indicativeResult).toBe('INDICATORS_NOT_MET');
  });
});

describe('adult case rule', () => {
  const P: IndicatorProfileId = 'ADULT_LABOUR';
  const deceptive = present(P, 'DECEPTIVE_RECRUITMENT', { strong: 1, medium: 1 });
  const coercive = present(P, 'COERCIVE_RECRUITMENT', { strong: 1, medium: 1 });
  const vulnerability = present(P, 'RECRUITMENT_ABUSE_OF_VULNERABILITY', { medium: 3 });
  const exploitation = present(P, 'EXPLOITATIVE_CONDITIONS', { strong: 1, medium: 1 });
  const coercionDest = present(P, 'COERCION_AT_DESTINATION', { strong: 2 });
  const abuseDest = present(P, 'ABUSE_OF_VULNERABILITY_AT_DESTINATION', { medium: 3 });

  it.each([
    ['deceptive recruitment', deceptive],
    ['coercive recruitment', coercive],
    ['recruitment by abuse of vulnerability', vulnerability],
  ])('each recruitment dimension alone satisfies the first group (%s)', (_name, recruitment) => {
    expect(assessIndicators([...recruitment, ...exploitation, ...coercionDest], P).indicativeResult).toBe(
      'POSSIBLE_VICTIM',
    );
  });

  it.each([
    ['coercion at destination', coercionDest],
    ['abuse of vulnerability at destination', abuseDest],
  ])('each destination dimension alone satisfies the third group (%s)', (_name, dest) => {
    expect(assessIndicators([...deceptive, ...exploitation, ...dest], P).indicativeResult).toBe('POSSIBLE_VICTIM');
  });

  it('is not met when the recruitment group is missing', () => {
    const r = assessIndicators([...exploitation, ...coercionDest, ...abuseDest], P);
    expect(r.indicativeResult).toBe('INDICATORS_NOT_MET');
    expect(r.dimensions.EXPLOITATIVE_CONDITIONS.positive).toBe(true);
  });

  it('is not met when exploitative conditions are missing', () => {
    const r = assessIndicators([...deceptive, ...coercive, ...vulnerability, ...coercionDest, ...abuseDest], P);
    expect(r.indicativeResult).toBe('INDICATORS_NOT_MET');
  });

  it('is not met when the destination-means group is missing', () => {
    const r = assessIndicators([...deceptive, ...coercive, ...vulnerability, ...exploitation], P);
    expect(r.indicativeResult).toBe('INDICATORS_NOT_MET');
  });

  it('is not met when a group is only one indicator short (just missing)', () => {
    const oneShort = [...deceptive, ...exploitation, ...present(P, 'COERCION_AT_DESTINATION', { strong: 1 })];
    expect(assessIndicators(oneShort, P).indicativeResult).toBe('INDICATORS_NOT_MET');
  });

  it('is met with everything present', () => {
    const all = ILO_INDICATORS.map((d) => ({ code: d.code, answer: 'PRESENT' as const }));
    const r = assessIndicators(all, P);
    expect(r.indicativeResult).toBe('POSSIBLE_VICTIM');
    expect(INDICATOR_DIMENSIONS.every((d) => r.dimensions[d].positive)).toBe(true);
  });

  it('ADULT_SEXUAL uses the adult rule too', () => {
    const recruitAndExploit = [...deceptive, ...present('ADULT_SEXUAL', 'EXPLOITATIVE_CONDITIONS', { medium: 3 })];
    expect(assessIndicators(recruitAndExploit, 'ADULT_SEXUAL').indicativeResult).toBe('INDICATORS_NOT_MET');
    expect(assessIndicators([...recruitAndExploit, ...coercionDest], 'ADULT_SEXUAL').indicativeResult).toBe(
      'POSSIBLE_VICTIM',
    );
  });
});

describe('child case rule: means at destination not required', () => {
  const P: IndicatorProfileId = 'CHILD_LABOUR';
  const exploitation = present(P, 'EXPLOITATIVE_CONDITIONS', { strong: 1, medium: 1 });

  it.each(['DECEPTIVE_RECRUITMENT', 'COERCIVE_RECRUITMENT', 'RECRUITMENT_ABUSE_OF_VULNERABILITY'] as const)(
    '%s + exploitative conditions is enough, without any destination means',
    (dim) => {
      const r = assessIndicators([...present(P, dim, { medium: 3 }), ...exploitation], P);
      expect(r.caseRule).toBe('CHILD');
      expect(r.indicativeResult).toBe('POSSIBLE_VICTIM');
      expect(r.dimensions.COERCION_AT_DESTINATION.positive).toBe(false);
      expect(r.dimensions.ABUSE_OF_VULNERABILITY_AT_DESTINATION.positive).toBe(false);
    },
  );

  it('the same answers are NOT met under the adult profile (means at destination required)', () => {
    const answers = [...present('ADULT_LABOUR', 'DECEPTIVE_RECRUITMENT', { medium: 3 }), ...exploitation];
    expect(assessIndicators(answers, 'ADULT_LABOUR').indicativeResult).toBe('INDICATORS_NOT_MET');
    expect(assessIndicators(answers, 'CHILD_LABOUR').indicativeResult).toBe('POSSIBLE_VICTIM');
  });

  it('is not met without a recruitment dimension', () => {
    const dest = present(P, 'COERCION_AT_DESTINATION', { strong: 2 });
    expect(assessIndicators([...exploitation, ...dest], P).indicativeResult).toBe('INDICATORS_NOT_MET');
  });

  it('is not met without exploitative conditions', () => {
    const all = [
      ...present(P, 'DECEPTIVE_RECRUITMENT', { strong: 2 }),
      ...present(P, 'COERCION_AT_DESTINATION', { strong: 2 }),
      ...present(P, 'EXPLOITATIVE_CONDITIONS', { strong: 1 }),
    ];
    expect(assessIndicators(all, P).indicativeResult).toBe('INDICATORS_NOT_MET');
  });

  it('CHILD_SEXUAL uses the child rule', () => {
    const r = assessIndicators(
      [
        { code: 'CR01', answer: 'PRESENT' },
        { code: 'CR02', answer: 'PRESENT' },
        { code: 'EX06', answer: 'PRESENT' }, // STRONG in the derived child-sexual profile
        { code: 'EX02', answer: 'PRESENT' },
      ],
      'CHILD_SEXUAL',
    );
    expect(r.indicativeResult).toBe('POSSIBLE_VICTIM');
    expect(r.caseRule).toBe('CHILD');
  });

  it('profileFor + assessIndicators: a presumed minor is assessed under the child rule', () => {
    const answers = [...present(P, 'COERCIVE_RECRUITMENT', { strong: 2 }), ...exploitation];
    expect(assessIndicators(answers, profileFor({ presumedMinor: true })).indicativeResult).toBe('POSSIBLE_VICTIM');
    expect(assessIndicators(answers, profileFor({ ageYears: 25, presumedMinor: false })).indicativeResult).toBe(
      'INDICATORS_NOT_MET',
    );
  });

  it('accepts, but does not count, indicators that are not in the child list (RV08, EX08)', () => {
    const answers: IndicatorAnswer[] = [
      { code: 'EX01', answer: 'PRESENT' },
      { code: 'EX08', answer: 'PRESENT' },
      { code: 'RV08', answer: 'PRESENT' },
    ];
    const child = assessIndicators(answers, P);
    expect(child.notInProfile).toEqual(['RV08', 'EX08']);
    expect(child.dimensions.EXPLOITATIVE_CONDITIONS).toMatchObject({ positive: false, strong: 1, medium: 0 });
    const adult = assessIndicators(answers, 'ADULT_LABOUR');
    expect(adult.notInProfile).toEqual([]);
    expect(adult.dimensions.EXPLOITATIVE_CONDITIONS).toMatchObject({ positive: true, strong: 1, medium: 1 });
  });
});

describe('caseRuleMet', () => {
  const only =
    (...dims: IndicatorDimension[]) =>
    (d: IndicatorDimension) =>
      dims.includes(d);
  it('implements both rules as in the JSON', () => {
    expect(
      caseRuleMet(
        'ADULT',
        only('COERCIVE_RECRUITMENT', 'EXPLOITATIVE_CONDITIONS', 'ABUSE_OF_VULNERABILITY_AT_DESTINATION'),
      ),
    ).toBe(true);
    expect(caseRuleMet('ADULT', only('COERCIVE_RECRUITMENT', 'EXPLOITATIVE_CONDITIONS'))).toBe(false);
    expect(caseRuleMet('CHILD', only('COERCIVE_RECRUITMENT', 'EXPLOITATIVE_CONDITIONS'))).toBe(true);
    expect(caseRuleMet('CHILD', only('EXPLOITATIVE_CONDITIONS', 'COERCION_AT_DESTINATION'))).toBe(false);
    expect(caseRuleMet('CHILD', only('RECRUITMENT_ABUSE_OF_VULNERABILITY'))).toBe(false);
  });
});

describe('result shape', () => {
  it('is labelled INDICATIVE and carries the rule version and profile', () => {
    const r = assessIndicators(
      [{ code: 'DR01', answer: 'PRESENT', evidence: 'told it was a restaurant job' }],
      'ADULT_LABOUR',
    );
    expect(RULE_VERSION).toBe('ilo-ec-2009/v1');
    expect(r.ruleVersion).toBe(RULE_VERSION);
    expect(r.label).toBe('INDICATIVE');
    expect(r.profile).toBe('ADULT_LABOUR');
    expect(r.caseRule).toBe('ADULT');
    expect(Object.keys(r.dimensions)).toEqual([...INDICATOR_DIMENSIONS]);
    // plain data: survives a JSON round trip unchanged (it is stored as JSON)
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('does not mutate its input', () => {
    const answers: IndicatorAnswer[] = [{ code: 'DR01', answer: 'PRESENT' }];
    const copy = JSON.parse(JSON.stringify(answers));
    assessIndicators(answers, 'ADULT_LABOUR');
    expect(answers).toEqual(copy);
  });
});

describe('invalid input is rejected', () => {
  it('throws IndicatorAnswerError listing every unknown code', () => {
    const answers = [
      { code: 'DR01', answer: 'PRESENT' },
      { code: 'XX01', answer: 'PRESENT' },
      { code: 'dr02', answer: 'ABSENT' },
    ] as IndicatorAnswer[];
    expect(() => assessIndicators(answers, 'ADULT_LABOUR')).toThrow(IndicatorAnswerError);
    try {
      assessIndicators(answers, 'ADULT_LABOUR');
    } catch (e) {
      expect(e).toBeInstanceOf(IndicatorAnswerError);
      expect((e as IndicatorAnswerError).problems).toEqual([
        'unknown indicator code: XX01',
        'unknown indicator code: dr02',
      ]);
    }
  });

  it('rejects unknown codes even when answered UNKNOWN or ABSENT', () => {
    expect(() => assessIndicators([{ code: 'ZZ01', answer: 'UNKNOWN' }], 'CHILD_LABOUR')).toThrow(
      /unknown indicator code: ZZ01/,
    );
    expect(() => assessIndicators([{ code: 'ZZ01', answer: 'ABSENT' }], 'CHILD_LABOUR')).toThrow(IndicatorAnswerError);
  });

  it('rejects bad answer values and duplicate codes', () => {
    const bad = [
      { code: 'DR01', answer: 'YES' },
      { code: 'DR02', answer: 'PRESENT' },
      { code: 'DR02', answer: 'ABSENT' },
    ] as unknown as IndicatorAnswer[];
    expect(validateIndicatorAnswers(bad)).toEqual([
      'invalid answer for DR01: YES',
      'indicator answered more than once: DR02',
    ]);
    expect(() => assessIndicators(bad, 'ADULT_LABOUR')).toThrow(IndicatorAnswerError);
  });

  it('rejects non-text evidence and unknown profiles', () => {
    const bad = [{ code: 'DR01', answer: 'PRESENT', evidence: 42 }] as unknown as IndicatorAnswer[];
    expect(validateIndicatorAnswers(bad)).toEqual(['evidence for DR01 must be text']);
    expect(() => assessIndicators([], 'ADULT_FOO' as IndicatorProfileId)).toThrow(/unknown profile/);
  });

  it('validateIndicatorAnswers returns [] for valid answers', () => {
    expect(validateIndicatorAnswers(ILO_INDICATORS.map((d) => ({ code: d.code, answer: 'UNKNOWN' })))).toEqual([]);
  });
});
