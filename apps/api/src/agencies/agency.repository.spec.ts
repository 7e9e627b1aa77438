import { ID1 } from '../platform/database/statement-fixtures';
import { agencySql } from './agency.repository';

describe('agency statements', () => {
  it.each([
    ['list', agencySql.list(null, 21)],
    ['list after a code', agencySql.list('ATD', 21)],
    ['load', agencySql.load(ID1, false)],
    ['load for update', agencySql.load(ID1, true)],
    ['loadActive', agencySql.loadActive(ID1)],
    [
      'insert',
      agencySql.insert({
        code: 'X',
        name_lo: 'x',
        name_en: 'x',
        type: 'NGO',
        capabilities: [],
        service_types: [],
        provinces: [],
      }),
    ],
    ['update', agencySql.update(ID1, 2, { name_en: 'y', provinces: ['VT'], active: false })],
  ])('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });

  it('refuses an undeclared column in an update', () => {
    expect(() => agencySql.update(ID1, 1, { ['nope' as 'name_en']: 'x' })).toThrow(/not a declared column/);
  });
});
