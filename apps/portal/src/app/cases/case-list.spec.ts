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
      overdue: null,
      sort: null,
      mine: '1',
    });
    expect(filterFromQuery(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== null)))).toEqual(f);
  });
});

describe('case list: overdue filter and due sort (issue 15, decision 0036)', () => {
  it('reads the overdue switch and the due sort from the URL; the default order stays out of it', () => {
    expect(filterFromQuery({ overdue: 'true', sort: 'due' })).toEqual({ overdue: 'true', sort: 'due' });
    expect(filterFromQuery({ sort: 'recent' })).toEqual({});
    expect(filterFromQuery({ overdue: '1', sort: 'name' })).toEqual({});
  });

  it('round-trips them through the URL, as a saved filter applied does', () => {
    const f = { overdue: 'true', sort: 'due', province: '01' } as const;
    const q = queryFromFilter(f);
    expect(q).toMatchObject({ overdue: 'true', sort: 'due', province: '01', status: null, mine: null });
    expect(filterFromQuery(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== null)))).toEqual(f);
    expect(queryFromFilter({})).toMatchObject({ overdue: null, sort: null });
  });
});
