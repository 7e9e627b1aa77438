import { statsSql } from './stats.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('stats statements', () => {
  const both = {
    daily: { fromDay: '2026-01-01', toDay: '2026-03-01' },
    live: { from: '2026-02-28T17:00:00.000Z', to: '2026-03-31T17:00:00.000Z' },
    none: '2025-12-31T17:00:00.000Z',
  };
  const statements = {
    state: statsSql.state(),
    caseMonths: statsSql.caseMonths(both),
    caseMonthsAllLive: statsSql.caseMonths({ daily: null, live: both.live, none: both.none }),
    referralMonths: statsSql.referralMonths(both),
    lock: statsSql.lock(),
    today: statsSql.today(),
    clear: statsSql.clear(),
    countCases: statsSql.countCases('2026-03-01'),
    countExploitationTypes: statsSql.countExploitationTypes('2026-03-01'),
    countReferrals: statsSql.countReferrals('2026-03-01'),
    setState: statsSql.setState('2026-03-01'),
    analyze: statsSql.analyze(),
    count: statsSql.count(),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
