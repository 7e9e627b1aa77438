import { NOW, join, raw, sql } from '../platform/database/sql';
import { CURSOR, ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { screeningSql, screeningTable } from './screening.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('screening statements', () => {
  const draft: [string, unknown][] = [
    ['province_code', '01'],
    ['content_enc', 'enc'],
    ['is_child', false],
  ];
  const statements = {
    load: screeningSql.load(actor, ID, false),
    loadLocked: screeningSql.load(actor, ID, true),
    list: screeningSql.list(actor, {}),
    listFiltered: screeningSql.list(actor, { status: 'SUBMITTED', mine: true, cursor: CURSOR, limit: 10 }),
    insert: screeningSql.insert(ID, actor, draft),
    saveDraft: screeningSql.saveDraft(ID, 2, join(draft.map(([c, v]) => sql`${raw(c)} = ${v}`))),
    legacyPlaces: screeningSql.legacyPlaces(['OTHER']),
    setPlaces: screeningSql.setPlaces(ID, null, 'OTHER', 'enc'),
    validatePlaceChecks: screeningSql.validatePlaceChecks(),
    transition: screeningSql.transition(
      ID,
      3,
      'SUBMITTED',
      'APPROVED',
      screeningTable.set({ reviewed_by_id: actor.userId, reviewed_at: NOW, review_comment_enc: 'enc' }),
    ),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
