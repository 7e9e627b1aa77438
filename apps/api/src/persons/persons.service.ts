import type { PersonMergeView, PersonTombstoneView, PersonView } from '@ctms/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { Conflict, NotFound } from '../platform/http/errors';
import { actorOf, type RequestContext } from '../platform/http/request-context';
import { addCaseEvent } from '../platform/workflow/timeline';
import { toMergeView, toPersonView } from './person.mapper';
import { PersonRepository } from './person.repository';

/**
 * The person record (need-to-know through the person's cases and screenings), merge and undo. The
 * duplicate search is PersonSearchService.
 */
@Injectable()
export class PersonsService {
  constructor(
    private readonly ds: DataSource,
    private readonly persons: PersonRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * A person the caller may see (the access layer's person relation: the agency's approved
   * screenings, a relation to one of its cases carrying IDENTITY, an answered match request; a
   * tombstone through its survivor); its contact only where the relation carries CONTACT_LOCATION.
   */
  async get(ctx: RequestContext, id: string): Promise<PersonView | PersonTombstoneView> {
    const actor = actorOf(ctx);
    const row = await this.persons.load(this.ds, actor, id);
    if (!row) throw new NotFound();
    await this.audit.record(ctx, { action: 'PERSON_READ', outcome: 'ALLOWED', objectType: 'person', objectId: id });
    if (row.merged_into_id) return { id: row.id, mergedInto: row.merged_into_id };
    const identity = this.persons.identityOf(row);
    if (!identity) throw new Error('person without identity');
    const view = toPersonView(row, identity, this.persons.contactOf(row));
    if (row.show_contact) return view;
    const { contact: _withheld, ...withoutContact } = view;
    void _withheld;
    return withoutContact;
  }

  /**
   * Merges `mergedId` (B) into `survivorId` (A): B's screenings and cases move to A, B becomes a
   * tombstone. Both persons must be ones the caller sees (else the standard 404) and held by the
   * caller's agency alone: a merge re-points cases, and another agency's case is never moved by
   * this agency (409 PERSON_HELD_ELSEWHERE; a duplicate across agencies is a match request).
   */
  async merge(ctx: RequestContext, survivorId: string, mergedId: string, reason: string): Promise<PersonMergeView> {
    const actor = actorOf(ctx);
    return this.ds.transaction(async (m) => {
      const persons = await this.persons.lockForMerge(m, actor, [survivorId, mergedId]);
      const a = persons.get(survivorId);
      const b = persons.get(mergedId);
      if (!a || !b) throw new NotFound();
      if (survivorId === mergedId) throw new Conflict('MERGE_INTO_SELF', 'A person cannot be merged into itself');
      if (a.merged_into_id)
        throw new Conflict('PERSON_IS_MERGED', 'The surviving person is itself merged into another person');
      if (b.merged_into_id) throw new Conflict('PERSON_IS_MERGED', 'This person is already merged into another person');
      if (!a.held_alone || !b.held_alone) throw heldElsewhere();

      const moved = await this.persons.moveRecords(m, mergedId, survivorId);
      await this.persons.setMergedInto(m, mergedId, survivorId);
      const merge = await this.persons.insertMerge(m, actor, survivorId, mergedId, moved);
      await addCaseEvent(m, ctx, moved.cases, 'PERSON_MERGED', { mergeId: merge.id });
      await this.audit.record(
        ctx,
        {
          action: 'PERSON_MERGED',
          outcome: 'ALLOWED',
          objectType: 'person',
          objectId: survivorId,
          reasonText: reason,
          details: { mergeId: merge.id, mergedId, screenings: moved.screenings.length, cases: moved.cases.length },
        },
        m,
      );
      return toMergeView(merge);
    });
  }

  /** Undoes a merge: exactly what moved goes back, the tombstone is cleared. Same rule as the merge. */
  async undoMerge(ctx: RequestContext, mergeId: string, reason: string): Promise<PersonMergeView> {
    const actor = actorOf(ctx);
    return this.ds.transaction(async (m) => {
      const merge = await this.persons.lockMerge(m, actor, mergeId);
      if (!merge) throw new NotFound();
      if (merge.undone_at) throw new Conflict('MERGE_ALREADY_UNDONE', 'This merge has already been undone');
      const persons = await this.persons.lockForMerge(m, actor, [merge.survivor_id, merge.merged_id]);
      const a = persons.get(merge.survivor_id);
      const b = persons.get(merge.merged_id);
      if (!a || !b) throw new NotFound();
      if (!a.held_alone) throw heldElsewhere();
      if (a.merged_into_id)
        throw new Conflict(
          'SURVIVOR_MERGED_SINCE',
          'The surviving person was merged again since: undo that merge first',
        );
      if (b.merged_into_id !== merge.survivor_id)
        throw new Conflict('MERGE_NOT_CURRENT', 'The merged person no longer points at the survivor');

      const moved = await this.persons.moveBack(m, merge);
      await this.persons.setMergedInto(m, merge.merged_id, null);
      const undone = await this.persons.markUndone(m, actor, merge.id);
      await addCaseEvent(m, ctx, moved.cases, 'PERSON_MERGE_UNDONE', { mergeId: merge.id });
      await this.audit.record(
        ctx,
        {
          action: 'PERSON_MERGE_UNDONE',
          outcome: 'ALLOWED',
          objectType: 'person',
          objectId: merge.survivor_id,
          reasonText: reason,
          details: {
            mergeId: merge.id,
            mergedId: merge.merged_id,
            screenings: moved.screenings.length,
            cases: moved.cases.length,
          },
        },
        m,
      );
      return toMergeView(undone);
    });
  }
}

const heldElsewhere = () =>
  new Conflict(
    'PERSON_HELD_ELSEWHERE',
    'Another agency also holds records of this person: only that agency and yours together can resolve it (ask through a match request)',
  );
