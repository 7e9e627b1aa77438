import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Page, ReferralNoteView } from '@ctms/domain';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { AuditService } from '../platform/audit/audit.service';
import { NotFound } from '../platform/http/errors';
import { OutboxService } from '../platform/outbox/outbox.service';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { TransitionRunner } from '../platform/workflow/transition-runner';
import type { AddReferralNoteDto, ListReferralNotesQueryDto } from './dto/referral.dto';
import { renderReferralPdf } from './referral-print';
import { toReferralNote } from './referral.mapper';
import { ReferralRepository, referralNoteKeyset } from './referral.repository';
import { decide } from './referral-rules';
import { ReferralsService } from './referrals.service';

/**
 * What both agencies share on a referral besides its status (decision 0026): the notes they write to
 * each other and the printable referral. Every read goes through the referral's access predicate
 * (sender or receiver in scope), so anyone else gets the standard 404.
 */
@Injectable()
export class ReferralNotesService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly referrals: ReferralRepository,
    private readonly runner: TransitionRunner,
    private readonly service: ReferralsService,
    private readonly outbox: OutboxService,
  ) {}

  /** The notes of a referral the caller sees, oldest first; a referral not visible is the standard 404. */
  async notes(ctx: RequestContext, id: string, q: ListReferralNotesQueryDto): Promise<Page<ReferralNoteView>> {
    const actor = actorOf(ctx);
    if (!(await this.referrals.load(this.ds, actor, id))) throw new NotFound();
    const page = referralNoteKeyset.page(await this.referrals.notes(this.ds, actor, id, q.cursor, q.limit), q.limit);
    await this.audit.record(ctx, {
      action: 'REFERRAL_NOTES_READ',
      outcome: 'ALLOWED',
      objectType: 'referral',
      objectId: id,
      details: { count: page.items.length },
    });
    return { items: page.items.map((n) => toReferralNote(this.cipher, n)), nextCursor: page.nextCursor };
  }

  /**
   * A note by either agency on an open referral (the machine's ADD_NOTE), on the referral's history,
   * encrypted; the other side is told through the outbox (`referral.note_added`, ids only: the note's
   * text never leaves the database).
   */
  addNote(ctx: RequestContext, id: string, dto: AddReferralNoteDto): Promise<ReferralNoteView> {
    const noteId = randomUUID();
    const answer = async (m: EntityManager, actor: Actor): Promise<ReferralNoteView> => {
      const n = await this.referrals.noteById(m, actor, id, noteId);
      if (!n) throw new NotFound();
      return toReferralNote(this.cipher, n);
    };
    return this.runner.run(
      ctx,
      { ...this.service.workflow, answer },
      {
        id,
        audit: 'REFERRAL_NOTE_ADDED',
        event: 'REFERRAL_NOTE_ADDED',
        decide: decide('ADD_NOTE', { reason: dto.body }),
        apply: async (m, actor, r) => {
          await this.referrals.insertNote(m, actor, noteId, r.id, dto.body);
          await this.outbox.add(m, 'referral.note_added', { referralId: r.id, noteId });
          return { details: { noteId, side: r.is_sender ? 'SENDER' : 'RECEIVER' } };
        },
      },
    );
  }

  /** The printable referral (PDF, Lao and English): only the packet's categories consented now; the printing is audited. */
  async print(ctx: RequestContext, id: string): Promise<{ pdf: Buffer; caseNumber: string }> {
    const actor = actorOf(ctx);
    const r = await this.referrals.printable(this.ds, actor, id);
    if (!r) throw new NotFound();
    const pdf = await renderReferralPdf(this.cipher, r, `${actor.username} (${actor.agencyCode})`);
    await this.audit.record(ctx, {
      action: 'REFERRAL_PRINTED',
      outcome: 'ALLOWED',
      objectType: 'referral',
      objectId: id,
      details: { caseId: r.case_id, referralId: id, categories: r.printed_categories },
    });
    return { pdf, caseNumber: r.case_number };
  }
}
