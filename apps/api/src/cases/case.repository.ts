import { Injectable } from '@nestjs/common';
import { caseLead } from '../platform/access/access';
import { raw, selectOne, sql, type Runner } from '../platform/database/sql';
import type { Actor } from '../platform/http/request-context';

/** What a write on a case's records (a referral, a handoff, a consent …) needs of the case: the editor rule's facts. */
export interface CaseLockRow {
  id: string;
  status: string;
  province_code: string;
  lead_agency_id: string;
  assigned_to_id: string | null;
}

export const caseSql = {
  /** The case the caller's agency leads in scope, locked (`SHARE`: its records are written; `UPDATE`: it is). */
  lockLead: (actor: Actor, id: string, mode: 'SHARE' | 'UPDATE') =>
    sql`SELECT c.id, c.status, c.province_code, c.lead_agency_id, c.assigned_to_id
          FROM case_record c
         WHERE c.id = ${id}::uuid AND ${caseLead(actor, 'c')}
         ${raw(mode === 'SHARE' ? 'FOR SHARE OF c' : 'FOR UPDATE OF c')}`,
};

/** The case record (decision 0018): its SQL, row types and encryption binding. */
@Injectable()
export class CaseRepository {
  /** The case for a write on one of its records, or undefined when the caller's agency does not lead it in scope. */
  lockLead(m: Runner, actor: Actor, id: string, mode: 'SHARE' | 'UPDATE'): Promise<CaseLockRow | undefined> {
    return selectOne<CaseLockRow>(m, caseSql.lockLead(actor, id, mode));
  }
}
