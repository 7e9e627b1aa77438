import { ID1, ID2, ID3, SNAPSHOT_SUPERVISOR as actor } from '../platform/database/statement-fixtures';
import { matchRequestSql } from './match-request.repository';

describe('match request statements', () => {
  it.each([
    ['raisingScreening', matchRequestSql.raisingScreening(actor, ID1)],
    ['visibleScreening', matchRequestSql.visibleScreening(actor, ID1)],
    ['holders', matchRequestSql.holders(actor, [ID1, ID2])],
    ['lockOpen', matchRequestSql.lockOpen(ID1, ID2)],
    [
      'insert',
      matchRequestSql.insert({
        id: ID3,
        from_agency_id: actor.agencyId,
        from_user_id: actor.userId,
        screening_id: ID1,
        to_agency_id: ID2,
        terms_enc: 'enc',
        candidate_ids: [ID1],
      }),
    ],
    ['list outgoing', matchRequestSql.list(actor, { box: 'outgoing', limit: 20 })],
    [
      'list incoming, status, after',
      matchRequestSql.list(actor, {
        box: 'incoming',
        status: 'OPEN',
        after: ['2026-01-01T00:00:00.000000Z', ID1],
        limit: 20,
      }),
    ],
    ['ofScreening', matchRequestSql.ofScreening(actor, ID1)],
    ['load', matchRequestSql.load(actor, ID1, false)],
    ['load for update', matchRequestSql.load(actor, ID1, true)],
    ['setLinkedPerson', matchRequestSql.setLinkedPerson(ID1, ID2)],
    ['setComment', matchRequestSql.setComment(ID1, 'enc')],
    ['answer', matchRequestSql.answer(actor, ID1, 'LINKED', 3)],
    ['candidates', matchRequestSql.candidates(actor, [ID1, ID2])],
  ])('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
