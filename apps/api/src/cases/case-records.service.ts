import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasPermission, type Page, type AccessLogEntryView, type CaseEventView, type CaseNoteView } from '@ctms/domain';
import { inLeadAgency, requireCaseEditor } from '../platform/access/editor';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict } from '../platform/http/errors';
import type { PageQueryDto } from '../platform/http/pagination';
import { actorOf, type RequestContext } from '../platform/http/request-context';
import { TransitionRunner } from '../platform/workflow/transition-runner';
import { toCaseEvent, toCaseNote } from './case.mapper';
import { accessLogKeyset, CaseRepository, eventKeyset, noteKeyset } from './case.repository';
import { CasesService } from './cases.service';
import { CreateNoteDto } from './dto/case.dto';

/** Notes (append-only, encrypted), the timeline and the access log of one case. */
@Injectable()
export class CaseRecordsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly cases: CasesService,
    private readonly repo: CaseRepository,
    private readonly runner: TransitionRunner,
  ) {}

  /** Oldest first, keyset on (created_at, id). */
  async notes(ctx: RequestContext, caseId: string, q: PageQueryDto): Promise<Page<CaseNoteView>> {
    await this.cases.lead(this.ds, actorOf(ctx), caseId);
    const page = noteKeyset.page(await this.repo.notes(this.ds, caseId, q.cursor, q.limit), q.limit);
    await this.audit.record(ctx, {
      action: 'CASE_NOTES_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: caseId,
      details: { count: page.items.length },
    });
    return { items: page.items.map((r) => toCaseNote(this.cipher, r)), nextCursor: page.nextCursor };
  }

  async addNote(ctx: RequestContext, caseId: string, dto: CreateNoteDto): Promise<CaseNoteView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      requireCaseEditor(actor, await this.cases.lead(m, actor, caseId, true));
      const category = dto.category ?? 'EXPLOITATION_ACCOUNT';
      const noteId = await this.repo.addNote(m, actor, caseId, dto.body, category);
      const details = { noteId, category };
      await this.runner.record(m, ctx, {
        objectType: 'case',
        objectId: caseId,
        audit: 'CASE_NOTE_ADDED',
        caseId,
        event: 'NOTE_ADDED',
        eventDetails: details,
        auditDetails: details,
      });
      const row = await this.repo.note(m, noteId);
      if (!row) throw new Error('note vanished');
      return toCaseNote(this.cipher, row);
    });
  }

  /** Every event, oldest first, keyset on the event id. */
  async timeline(ctx: RequestContext, caseId: string, q: PageQueryDto): Promise<Page<CaseEventView>> {
    await this.cases.lead(this.ds, actorOf(ctx), caseId);
    const page = eventKeyset.page(await this.repo.events(this.ds, caseId, q.cursor, q.limit), q.limit, (r) => r.id);
    await this.audit.record(ctx, {
      action: 'CASE_TIMELINE_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: caseId,
    });
    return { items: page.items.map(toCaseEvent), nextCursor: page.nextCursor };
  }

  /**
   * Who read or changed the case (and who was refused), oldest first, keyset on the audit seq:
   * events on the case itself, its consents, referrals and handoffs (reads by receiving agencies
   * included), and reads of its person's identity. Supervisors of the lead agency in scope only.
   */
  async accessLog(ctx: RequestContext, caseId: string, q: PageQueryDto): Promise<Page<AccessLogEntryView>> {
    const actor = actorOf(ctx);
    const c = await this.cases.lead(this.ds, actor, caseId);
    if (!inLeadAgency(actor, c) || !hasPermission(actor, 'case:access-log')) {
      throw new Conflict('NOT_LEAD_AGENCY', "Only the lead agency's supervisors see who accessed this case");
    }
    const page = accessLogKeyset.page(
      await this.repo.accessLog(this.ds, caseId, c.person_id, q.cursor, q.limit),
      q.limit,
      (r) => r.seq,
    );
    await this.audit.record(ctx, {
      action: 'CASE_ACCESS_LOG_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: caseId,
    });
    return {
      items: page.items.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actor: {
          id: r.actor_user_id,
          username: r.actor_username,
          displayName: r.actor_display_name,
          agencyCode: r.agency_code,
        },
        action: r.action,
        outcome: r.outcome,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
