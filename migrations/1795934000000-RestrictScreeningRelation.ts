import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PERSON_RELATION_SQL_V2, PERSON_RELATION_SQL_V3 } from './sql/relations-1795934000000.sql';

/**
 * Issue 14 item 6: a RESTRICTED case's screening and person follow the restriction. The screening
 * predicate (platform/access `screening`) checks it in the query; the person relation is SQL, so it
 * is replaced here (relations-1795934000000.sql.ts).
 */
export class RestrictScreeningRelation1795934000000 implements MigrationInterface {
  name = 'RestrictScreeningRelation1795934000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(PERSON_RELATION_SQL_V3);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(PERSON_RELATION_SQL_V2);
  }
}
