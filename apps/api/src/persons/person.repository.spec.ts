import { ID1, ID2, ID3, SNAPSHOT_SUPERVISOR as actor } from '../platform/database/statement-fixtures';
import { personSql, type CandidatePlan } from './person.repository';

const merge = {
  id: ID3,
  survivor_id: ID1,
  merged_id: ID2,
  moved: { screenings: [ID3], cases: [ID3] },
  merged_at: new Date(0),
  undone_at: null,
};

describe('person statements', () => {
  const plan: CandidatePlan = {
    grams: [1, 2, 3],
    bidx: ['b1'],
    docs: ['d1'],
    keyPairs: [['k1', 'k2']],
    filters: [[[1, 2]], [[3], [4, 5]]],
    wordFuzzy: [
      { key: 'w1', filter: [[6]] },
      { key: 'w2', filter: null },
    ],
    editIds: [ID1],
    limit: 100,
  };

  it.each([
    ['gramStats', personSql.gramStats()],
    [
      'editCandidates',
      personSql.editCandidates([
        { key: 'k', neighbours: ['n1', 'n2'] },
        { key: 'k2', neighbours: ['n3'] },
      ]),
    ],
    ['candidates', personSql.candidates(plan)],
    [
      'candidates without edit hits or gram filters',
      personSql.candidates({ ...plan, editIds: [], filters: [], wordFuzzy: [], keyPairs: [] }),
    ],
    ['visibleOf', personSql.visibleOf(actor, [ID1, ID2])],
    ['staleNameKeys', personSql.staleNameKeys(ID1, 500)],
    ['writeNameKeys', personSql.writeNameKeys([{ id: ID1, identity_enc: 'enc', grams: '{1,2}', bidx: '{"b"}' }])],
    ['countStaleNameKeys', personSql.countStaleNameKeys()],
    ['caseNumbers', personSql.caseNumbers(actor, [ID1])],
    ['load', personSql.load(actor, ID1)],
    ['lockForMerge', personSql.lockForMerge(actor, [ID1, ID2])],
    ['moveScreenings', personSql.moveScreenings(ID2, ID1)],
    ['moveCases', personSql.moveCases(ID2, ID1)],
    ['moveScreeningsBack', personSql.moveScreeningsBack(merge)],
    ['moveCasesBack', personSql.moveCasesBack(merge)],
    ['setMergedInto', personSql.setMergedInto(ID2, ID1)],
    ['insertMerge', personSql.insertMerge(ID3, ID1, ID2, merge.moved, actor.userId)],
    ['lockMerge', personSql.lockMerge(actor, ID3)],
    ['markUndone', personSql.markUndone(ID3, actor.userId)],
    [
      'insert',
      personSql.insert({
        id: ID1,
        identity_enc: 'enc',
        contact_enc: null,
        sex: null,
        citizenship: [],
        presumed_minor: false,
        name_grams: [],
        name_bidx: [],
        document_bidx: [],
        phone_bidx: [],
        created_by_agency_id: actor.agencyId,
      }),
    ],
  ])('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });

  it('numbers every parameter of the first stage once, in order', () => {
    const q = personSql.candidates(plan);
    const numbers = [...q.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(q.values.length).toBe(numbers.length);
  });
});
