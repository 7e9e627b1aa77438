import type { MigrationInterface, QueryRunner } from 'typeorm';

const ZERO_HASH = `'\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea`;

/**
 * The audit trail is sealed asynchronously, in blocks, instead of chaining every row as it is
 * inserted (decision 0007).
 *
 * Before: a BEFORE INSERT trigger took `pg_advisory_xact_lock(727001)`, read the last hash and
 * chained the new row to it. The lock is held until the writing transaction ends, so every request
 * that writes an audit row (every read of a case does) waited for every other one: at 50
 * connections a 3 ms read took hundreds of ms.
 *
 * After:
 * - The insert trigger only stamps the row: `seq` (sequence), `at` and `xact`, the id of the
 *   writing transaction (`pg_current_xact_id()`); client-supplied values are overwritten. No lock.
 * - `audit_seal(max_rows)` (SECURITY DEFINER, one sealer at a time) seals every row whose
 *   transaction has finished: rows with `xact` below the oldest transaction still running
 *   (`pg_snapshot_xmin`), from where the last block ended. Such a range can never gain a row again
 *   (transaction ids are never reused), so a block is exactly "the rows with xact_from <= xact <
 *   xact_to": its hash is SHA-256 over the previous block's hash, the block's bounds and count, and
 *   the SHA-256 of every row's canonical text in (xact, seq) order. A row edited, deleted or added
 *   later changes the block's hash; blocks chain like the rows used to.
 * - The worker seals every few seconds; `audit:verify` seals, then recomputes every block.
 * - Rows written before this migration (their per-row chain is checked first, and the migration
 *   refuses to run if it is broken) get `xact = 0` and go into the first block.
 * - `audit_seal` is append-only like `audit_event`; the application role may only read it and
 *   call the function.
 */
export class AddAsyncAuditSeal1795910000000 implements MigrationInterface {
  name = 'AddAsyncAuditSeal1795910000000';

  public async up(q: QueryRunner): Promise<void> {
    // 1. the old per-row chain must be intact before it is replaced by blocks
    await q.query(`DO $$
      DECLARE r record; expected bytea := ${ZERO_HASH}; bad bigint := NULL;
      BEGIN
        FOR r IN SELECT e.seq, e.prev_hash, e.hash, sha256(convert_to(audit_event_canonical(e), 'UTF8')) AS recomputed
                 FROM audit_event e ORDER BY e.seq LOOP
          IF r.prev_hash <> expected OR r.hash <> r.recomputed THEN bad := r.seq; EXIT; END IF;
          expected := r.hash;
        END LOOP;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'audit chain broken at seq %: run npm run audit:verify and investigate before migrating', bad;
        END IF;
      END $$`);

    // 2. the lock-free stamp replaces the chaining trigger
    await q.query(`DROP TRIGGER audit_event_chain ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_chain()`);
    await q.query(`DROP FUNCTION audit_event_canonical(audit_event)`);
    await q.query(`ALTER TABLE audit_event ADD COLUMN "xact" bigint`);
    await q.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`);
    await q.query(`UPDATE audit_event SET "xact" = 0`);
    await q.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN "xact" SET NOT NULL`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN "prev_hash", DROP COLUMN "hash"`);
    // the sealer reads the finished rows in (xact, seq) order from here; appends at the right edge
    await q.query(`CREATE INDEX "IDX_audit_event_xact" ON audit_event ("xact", "seq")`);

    await q.query(`CREATE FUNCTION audit_event_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.seq := nextval('audit_event_seq');
        NEW.xact := pg_current_xact_id()::text::bigint;
        NEW.at := coalesce(NEW.at, clock_timestamp());
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_event_stamp BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_stamp()`,
    );

    // The canonical text of a row: every column in a fixed order, NULLs spelled out.
    await q.query(`CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT concat_ws(chr(31),
          e.seq::text, e.xact::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(e.actor_user_id::text, '~'), coalesce(e.actor_username, '~'),
          coalesce(e.actor_agency_id::text, '~'), array_to_string(e.actor_roles, ','),
          e.action, coalesce(e.object_type, '~'), coalesce(e.object_id, '~'), e.outcome,
          coalesce(e.request_id, '~'), coalesce(e.source_ip, '~'), coalesce(e.reason, '~'),
          coalesce(e.details::text, '~'))
      $$`);

    // 3. the seal blocks
    await q.query(`CREATE TABLE "audit_seal" (
      "block" bigint NOT NULL,
      "xact_from" bigint NOT NULL,
      "xact_to" bigint NOT NULL,
      "row_count" integer NOT NULL,
      "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
      "prev_hash" bytea NOT NULL,
      "hash" bytea NOT NULL,
      CONSTRAINT "PK_audit_seal" PRIMARY KEY ("block"),
      CONSTRAINT "CHK_audit_seal_range" CHECK ("xact_to" > "xact_from"))`);
    await q.query(
      `CREATE TRIGGER audit_seal_no_update BEFORE UPDATE OR DELETE ON audit_seal FOR EACH ROW EXECUTE FUNCTION audit_event_immutable()`,
    );
    await q.query(
      `CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal FOR EACH STATEMENT EXECUTE FUNCTION audit_event_immutable()`,
    );
    await q.query(`REVOKE ALL ON audit_seal FROM ctms_app`);
    await q.query(`GRANT SELECT ON audit_seal TO ctms_app`);

    // The hash of the rows of one block, shared by the sealer and the verifier.
    await q.query(`CREATE FUNCTION audit_block_digest(blk bigint, lo bigint, hi bigint, prev bytea, OUT row_count integer, OUT hash bytea)
      LANGUAGE sql STABLE AS $$
        SELECT count(*)::int,
               sha256(prev || convert_to(concat_ws(chr(31), blk::text, lo::text, hi::text, count(*)::text), 'UTF8')
                      || coalesce(string_agg(sha256(convert_to(audit_event_canonical(e), 'UTF8')), ''::bytea ORDER BY e.xact, e.seq), ''::bytea))
        FROM audit_event e WHERE e.xact >= lo AND e.xact < hi
      $$`);

    await q.query(`CREATE FUNCTION audit_seal(max_rows integer DEFAULT 50000) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        last_block audit_seal%ROWTYPE;
        lo bigint; hi bigint; first_x bigint; cut bigint; blk bigint; prev bytea; d record;
      BEGIN
        -- one sealer at a time; writers never take this lock
        PERFORM pg_advisory_xact_lock(727002);
        SELECT * INTO last_block FROM audit_seal ORDER BY block DESC LIMIT 1;
        lo := coalesce(last_block.xact_to, 0);
        prev := coalesce(last_block.hash, ${ZERO_HASH});
        blk := coalesce(last_block.block, 0) + 1;
        -- every transaction with an id below this one has finished: its rows are all visible now
        hi := pg_snapshot_xmin(pg_current_snapshot())::text::bigint;
        SELECT xact INTO first_x FROM audit_event WHERE xact >= lo AND xact < hi ORDER BY xact LIMIT 1;
        IF first_x IS NULL THEN RETURN 0; END IF;
        -- about max_rows rows a block: the transaction of the row just past max_rows starts the
        -- next block; a transaction is never split (if the first alone is larger, it is the block)
        SELECT xact INTO cut FROM audit_event WHERE xact >= lo AND xact < hi ORDER BY xact OFFSET max_rows LIMIT 1;
        IF cut IS NOT NULL THEN
          hi := CASE WHEN cut > first_x THEN cut ELSE cut + 1 END;
        END IF;
        SELECT * INTO d FROM audit_block_digest(blk, lo, hi, prev);
        INSERT INTO audit_seal (block, xact_from, xact_to, row_count, prev_hash, hash)
          VALUES (blk, lo, hi, d.row_count, prev, d.hash);
        RETURN d.row_count;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_seal(integer) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_seal(integer) TO ctms_app`);

    // 4. the rows written before this migration form the first block
    await q.query(`SELECT audit_seal(2147483646)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // The per-row chain cannot be rebuilt honestly from blocks: going back is not supported.
    void q;
    throw new Error('AddAsyncAuditSeal cannot be reverted: restore from a backup taken before it');
  }
}
