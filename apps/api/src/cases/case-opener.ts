import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../platform/http/request-context';

export interface OpenCaseInput {
  screeningId: string;
  personId: string;
  /** the screening agency becomes the lead agency */
  agencyId: string;
  provinceCode: string;
  isChild: boolean;
  exploitationTypes?: string[];
  needs?: string[];
}

/**
 * Opens a case for an approved screening of a possible victim, or attaches the screening to the
 * person's open case, inside the caller's transaction; writes the timeline event and the audit row.
 * (Implemented by the cases feature.)
 */
@Injectable()
export class CaseOpener {
  async openOrAttach(_m: EntityManager, _ctx: RequestContext, _input: OpenCaseInput): Promise<{ caseId: string; caseNumber: string; created: boolean }> {
    throw new Error('CaseOpener.openOrAttach is not implemented yet');
  }
}
