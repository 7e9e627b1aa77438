import { filterFromQuery, queryFromFilter } from './case-list.page';

describe('case list filters: the new ones (issue 15 item 4)', () => {
  it('takes only coded values from the URL', () => {
    expect(
      filterFromQuery({
        unassigned: 'true',
        riskLevel: 'HIGH',
        child: 'true',
        restricted: 'true',
        identification: 'IDENTIFIED',
      }),
    ).toEqual({
      unassigned: 'true',
      riskLevel: 'HIGH',
      child: 'true',
      restricted: 'true',
      identification: 'IDENTIFIED',
    });
    expect(filterFromQuery({ unassigned: 'yes', riskLevel: 'EXTREME', child: '1', identification: 'X' })).toEqual({});
  });

  it('writes a filter back into the URL (a saved filter applied) and reads it again unchanged', () => {
    const f = { status: 'OPEN', assignedTo: 'me', child: 'true', riskLevel: 'HIGH' } as const;
    const q = queryFromFilter(f);
    expect(q).toEqual({
      status: 'OPEN',
      province: null,
      unassigned: null,
      riskLevel: 'HIGH',
      child: 'true',
      restricted: null,
      identification: null,
      mine: '1',
    });
    expect(filterFromQuery(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== null)))).toEqual(f);
  });
});
