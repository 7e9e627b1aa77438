import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isProvinceCode } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import type { RequestContext } from '../platform/http/request-context';
import { addCaseEvent } from '../platform/workflow/timeline';
import { formatCaseNumber, yearInLaos } from './case-number';

export interface OpenCaseInput {
  screeningId: string;
  personId: string;
  /** the screening agency becomes the lead agency */
  agencyId: string;
  provinceCode: string;
  isChild: boolean;
  /** the interviewer: a new case is assigned to them until a supervisor reassigns it */
  assignTo?: string | null;
  exploitationTypes?: string[];
  needs?: string[];
  /** ISO 3166 codes of the destination recorded in the screening */
  destinationCountries?: string[];
  /** the screening's journey, narratives and control methods: the case's EXPLOITATION_ACCOUNT */
  exploitation?: { narrative?: string; journeyEvents: object[]; meansOfControl: string[] } | null;
}

type Exploitation = NonNullable<OpenCaseInput['exploitation']>;

/** The case's account with a screening's laid after it: narratives appended, events added, methods merged. */
function mergeExploitation(current: Exploitation | null, added: Exploitation): Exploitation {
  if (!current) return added;
  const narrative = [current.narrative, added.narrative].filter((n): n is string => typeof n === 'string' && n !== '').join('\n\n');
  return {
    ...current,
    ...(narrative ? { narrative } : {}),
    journeyEvents: [...(current.journeyEvents ?? []), ...added.journeyEvents],
    meansOfControl: [...new Set([...(current.meansOfControl ?? []), ...added.meansOfControl])],
  };
}

/**
 * Opens a case for an approved screening of a possible victim, or attaches the screening to the
 * person's open case, inside the caller's transaction; writes the timeline event and the audit row.
 */
@Injectable()
export class CaseOpener {
  constructor(
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async openOrAttach(m: EntityManager, ctx: RequestContext, input: OpenCaseInput): Promise<{ caseId: string; caseNumber: string; created: boolean }> {
    if (!isProvinceCode(input.provinceCode)) throw new Error(`unknown province code ${input.provinceCode}`);
    const exploitationTypes = input.exploitationTypes ?? [];
    const needs = input.needs ?? [];
    const destinations = input.destinationCountries ?? [];
    const bind = (caseId: string) => ({ table: 'case_record', column: 'exploitation_enc', rowId: caseId });

    // The person's open case with the same lead agency, locked so that two approvals do not both attach
    // to a case that is being closed (or both open a new one: the person row is locked first).
    await m.query(`SELECT id FROM person WHERE id = $1 FOR UPDATE`, [input.personId]);
    const open: { id: string; case_number: string; exploitation_enc: string | null }[] = await m.query(
      `SELECT id, case_number, exploitation_enc FROM case_record
        WHERE person_id = $1 AND lead_agency_id = $2 AND status <> 'CLOSED'
        ORDER BY opened_at DESC, id LIMIT 1 FOR UPDATE`,
      [input.personId, input.agencyId],
    );
    const existing = open[0];
    if (existing) {
      await m.query(
        `UPDATE case_record
            SET exploitation_types = ARRAY(SELECT DISTINCT unnest(exploitation_types || $2::text[]) ORDER BY 1),
                needs = ARRAY(SELECT DISTINCT unnest(needs || $3::text[]) ORDER BY 1),
                flags = CASE WHEN $4::boolean AND NOT ('CHILD' = ANY(flags)) THEN flags || ARRAY['CHILD'] ELSE flags END,
                destination_countries = ARRAY(SELECT DISTINCT unnest(destination_countries || $5::text[]) ORDER BY 1),
                exploitation_enc = COALESCE($6, exploitation_enc),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [
          existing.id,
          exploitationTypes,
          needs,
          input.isChild,
          destinations,
          input.exploitation
            ? this.cipher.encryptJson(mergeExploitation(this.cipher.decryptJson<Exploitation>(existing.exploitation_enc, bind(existing.id)), input.exploitation), bind(existing.id))
            : null,
        ],
      );
      await addCaseEvent(m, ctx, existing.id, 'SCREENING_ATTACHED', { screeningId: input.screeningId });
      await this.audit.record(
        ctx,
        { action: 'CASE_SCREENING_ATTACHED', outcome: 'ALLOWED', objectType: 'case', objectId: existing.id, details: { screeningId: input.screeningId } },
        m,
      );
      return { caseId: existing.id, caseNumber: existing.case_number, created: false };
    }

    const id = randomUUID();
    const year = yearInLaos();
    // race-free sequence per province and year: the row lock serialises concurrent openings
    const counter: { last: number }[] = await m.query(
      `INSERT INTO case_counter (province_code, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (province_code, year) DO UPDATE SET last = case_counter.last + 1
       RETURNING last`,
      [input.provinceCode, year],
    );
    const sequence = counter[0]?.last;
    if (!sequence) throw new Error('case_counter returned no sequence');
    const caseNumber = formatCaseNumber(input.provinceCode, year, sequence);
    await m.query(
      `INSERT INTO case_record (id, case_number, person_id, lead_agency_id, province_code, status, identification_status,
                                exploitation_types, needs, flags, opened_at, assigned_to_id, destination_countries, exploitation_enc)
       VALUES ($1, $2, $3, $4, $5, 'OPEN', 'POSSIBLE_VICTIM', $6, $7, $8, now(), $9, $10, $11)`,
      [
        id,
        caseNumber,
        input.personId,
        input.agencyId,
        input.provinceCode,
        [...new Set(exploitationTypes)],
        [...new Set(needs)],
        input.isChild ? ['CHILD'] : [],
        input.assignTo ?? null,
        [...new Set(destinations)],
        input.exploitation ? this.cipher.encryptJson(input.exploitation, bind(id)) : null,
      ],
    );
    await addCaseEvent(m, ctx, id, 'CASE_OPENED', { screeningId: input.screeningId, provinceCode: input.provinceCode, child: input.isChild });
    await this.audit.record(
      ctx,
      {
        action: 'CASE_OPENED',
        outcome: 'ALLOWED',
        objectType: 'case',
        objectId: id,
        details: { screeningId: input.screeningId, provinceCode: input.provinceCode, leadAgencyId: input.agencyId, child: input.isChild },
      },
      m,
    );
    return { caseId: id, caseNumber, created: true };
  }
}
