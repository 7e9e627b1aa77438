import {
  ALL_ASSESSMENT_ITEMS,
  ASSESSMENT_ITEM_LABELS,
  ASSESSMENT_ITEMS,
  ASSESSMENT_LEVELS,
  assessmentScoreProblems,
  assessmentTrend,
  levelOfItem,
  levelScores,
  VISIT_KIND_LABELS,
  VISIT_KINDS,
  VISIT_OUTCOME_LABELS,
  VISIT_OUTCOMES,
  VISIT_WITH,
  VISIT_WITH_LABELS,
} from './follow-up-codes';

describe('reintegration assessment', () => {
  it('has four to six items per level, each once, each labelled in Lao and English', () => {
    for (const level of ASSESSMENT_LEVELS) {
      expect(ASSESSMENT_ITEMS[level].length).toBeGreaterThanOrEqual(4);
      expect(ASSESSMENT_ITEMS[level].length).toBeLessThanOrEqual(6);
    }
    expect(new Set(ALL_ASSESSMENT_ITEMS).size).toBe(ALL_ASSESSMENT_ITEMS.length);
    for (const item of ALL_ASSESSMENT_ITEMS) {
      expect(ASSESSMENT_ITEM_LABELS[item].lo).toMatch(/[\u0E80-\u0EFF]/);
      expect(ASSESSMENT_ITEM_LABELS[item].en).toBeTruthy();
    }
    expect(levelOfItem('FREE_FROM_VIOLENCE')).toBe('HOUSEHOLD');
    expect(levelOfItem('ACCEPTANCE')).toBe('COMMUNITY');
  });

  it('labels every visit code in Lao', () => {
    for (const [codes, labels] of [
      [VISIT_KINDS, VISIT_KIND_LABELS],
      [VISIT_WITH, VISIT_WITH_LABELS],
      [VISIT_OUTCOMES, VISIT_OUTCOME_LABELS],
    ] as const)
      for (const c of codes) expect((labels as Record<string, { lo: string }>)[c].lo).toMatch(/[\u0E80-\u0EFF]/);
  });

  it('scores a level as the mean of its assessed items, null when none was', () => {
    expect(levelScores({ SAFETY: 1, PHYSICAL_HEALTH: 2, PSYCHOSOCIAL: 2, INCOME: 4 })).toEqual({
      INDIVIDUAL: 1.67,
      HOUSEHOLD: 4,
      COMMUNITY: null,
    });
  });

  it('follows each level over time, comparing with the last assessment that scored it', () => {
    const trend = assessmentTrend([
      { key: 'c', assessedOn: '2026-09-01', scores: { SAFETY: 4, INCOME: 2, ACCEPTANCE: 3 } },
      { key: 'a', assessedOn: '2026-03-01', scores: { SAFETY: 2, INCOME: 2 } },
      { key: 'b', assessedOn: '2026-06-01', scores: { SAFETY: 3, INCOME: 3, ACCEPTANCE: 2 } },
    ]);
    expect(trend.map((p) => p.key)).toEqual(['a', 'b', 'c']);
    expect(trend[0].levels.INDIVIDUAL).toEqual({ score: 2, change: null, direction: null });
    expect(trend[1].levels.INDIVIDUAL).toEqual({ score: 3, change: 1, direction: 'UP' });
    expect(trend[2].levels.HOUSEHOLD).toEqual({ score: 2, change: -1, direction: 'DOWN' });
    expect(trend[1].levels.COMMUNITY).toEqual({ score: 2, change: null, direction: null });
    expect(trend[2].levels.COMMUNITY).toEqual({ score: 3, change: 1, direction: 'UP' });
    const skipped = assessmentTrend([
      { key: 1, assessedOn: '2026-01-01', scores: { HOUSING: 2 } },
      { key: 2, assessedOn: '2026-02-01', scores: { SAFETY: 3 } },
      { key: 3, assessedOn: '2026-03-01', scores: { HOUSING: 2 } },
    ]);
    expect(skipped[1].levels.HOUSEHOLD).toEqual({ score: null, change: null, direction: null });
    expect(skipped[2].levels.HOUSEHOLD).toEqual({ score: 2, change: 0, direction: 'SAME' });
  });

  it('names each bad score by its field', () => {
    expect(assessmentScoreProblems({ SAFETY: 3, INCOME: 4 })).toEqual([]);
    expect(assessmentScoreProblems({ SAFETY: 5, NOPE: 2, INCOME: 2.5 }).map((p) => p.field)).toEqual([
      'scores.SAFETY',
      'scores.NOPE',
      'scores.INCOME',
    ]);
    expect(assessmentScoreProblems({})).toEqual([{ field: 'scores', problems: ['must score at least one item'] }]);
    expect(assessmentScoreProblems([1])[0].field).toBe('scores');
    expect(assessmentScoreProblems({ SAFETY: 0 })[0].field).toBe('scores.SAFETY');
  });
});
