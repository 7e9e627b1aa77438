import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isProvinceCode } from '@ctms/domain';
import type { RequestContext } from '../platform/http/request-context';
import { TransitionRunner } from '../platform/workflow/transition-runner';
import { CaseRepository } from './case.repository';
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
  const narrative = [current.narrative, added.narrative]
    .filter((n): n is string => typeof n === 'string' && n !== '')
    .join('\n\n');
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
    private readonly cases: CaseRepository,
    private readonly runner: TransitionRunner,
  ) {}

  async openOrAttach(
    m: EntityManager,
    ctx: RequestContext,
    input: OpenCaseInput,
  ): Promise<{ caseId: string; caseNumber: string; created: boolean }> {
    if (!isProvinceCode(input.provinceCode)) throw new Error(`unknown province code ${input.provinceCode}`);
    const exploitationTypes = input.exploitationTypes ?? [];
    const needs = input.needs ?? [];
    const destinations = input.destinationCountries ?? [];

    // The person's open case with the same lead agency, locked so that two approvals do not both attach
    // to a case that is being closed (or both open a new one: the person row is locked first).
    await this.cases.lockPerson(m, input.personId);
    const existing = await this.cases.openCaseOf(m, input.personId, input.agencyId);
    if (existing) {
      const account = input.exploitation
        ? mergeExploitation(
            this.cases.decryptBlob<Exploitation>(existing.id, 'exploitation_enc', existing.exploitation_enc),
            input.exploitation,
          )
        : null;
      await this.cases.attach(
        m,
        existing.id,
        { exploitationTypes, needs, child: input.isChild, destinationCountries: destinations },
        account,
      );
      const details = { screeningId: input.screeningId };
      await this.runner.record(m, ctx, {
        objectType: 'case',
        objectId: existing.id,
        audit: 'CASE_SCREENING_ATTACHED',
        caseId: existing.id,
        event: 'SCREENING_ATTACHED',
        eventDetails: details,
        auditDetails: details,
      });
      return { caseId: existing.id, caseNumber: existing.case_number, created: false };
    }

    const id = randomUUID();
    const year = yearInLaos();
    const caseNumber = formatCaseNumber(
      input.provinceCode,
      year,
      await this.cases.nextSequence(m, input.provinceCode, year),
    );
    await this.cases.insert(
      m,
      {
        id,
        caseNumber,
        personId: input.personId,
        leadAgencyId: input.agencyId,
        provinceCode: input.provinceCode,
        exploitationTypes: [...new Set(exploitationTypes)],
        needs: [...new Set(needs)],
        flags: input.isChild ? ['CHILD'] : [],
        assignedToId: input.assignTo ?? null,
        destinationCountries: [...new Set(destinations)],
      },
      input.exploitation ?? null,
    );
    await this.runner.record(m, ctx, {
      objectType: 'case',
      objectId: id,
      audit: 'CASE_OPENED',
      caseId: id,
      event: 'CASE_OPENED',
      eventDetails: { screeningId: input.screeningId, provinceCode: input.provinceCode, child: input.isChild },
      auditDetails: {
        screeningId: input.screeningId,
        provinceCode: input.provinceCode,
        leadAgencyId: input.agencyId,
        child: input.isChild,
      },
    });
    return { caseId: id, caseNumber, created: true };
  }
}
