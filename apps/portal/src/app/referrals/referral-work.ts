import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type {
  AddReferralNoteRequest,
  Page,
  ReassignReferralRequest,
  ReferralDetailView,
  ReferralNoteView,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';
import { UserPicker } from '../cases/user-picker';
import { slaClock } from './ia-util';
import { rwT, type ReferralWorkKey } from './referral-work.words';
import { AgencyNames, describeErrorIn, formatDateTime, I18n, personName, saveBlob } from '@ctms/ui';

/**
 * What both agencies do on one referral, self-contained so that a page inserts one tag: the
 * services-due clock, the printable referral (PDF, only the consented categories; the API audits
 * it), the receiving supervisor's reassignment (when the API lists REASSIGN) and the notes the
 * sending and the receiving agency write to each other (ADD_NOTE). Emits the referral when it changed.
 */
@Component({
  selector: 'app-referral-work',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, UserPicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .note {
      border-left: 3px solid var(--mat-sys-outline-variant);
      padding: 4px 8px;
      margin: 8px 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .note.receiver {
      border-left-color: var(--mat-sys-primary);
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    textarea {
      min-height: 4rem;
    }
  `,
  template: `
    <section class="panel" aria-labelledby="rw-title" data-testid="referral-work">
      <h2 id="rw-title" class="sub">{{ w('rw.title') }}</h2>
      <dl class="facts">
        <dt>{{ w('rw.servicesDue') }}</dt>
        <dd data-testid="services-due">
          @if (clock(); as c) {
            {{ c.at }} —
            <span data-testid="services-clock" [class.overdue]="c.overdue" [attr.data-overdue]="c.overdue">{{
              c.text
            }}</span>
          } @else {
            {{ w('rw.servicesDue.none') }}
          }
        </dd>
      </dl>
      <div class="actions">
        <button mat-stroked-button type="button" data-testid="referral-print" [disabled]="busy()" (click)="print()">
          {{ w('rw.print') }}
        </button>
        @if (canReassign()) {
          <button
            mat-stroked-button
            type="button"
            data-testid="referral-reassign"
            (click)="reassigning.set(!reassigning())"
          >
            {{ w('rw.reassign') }}
          </button>
        }
      </div>
      <p class="hint">{{ w('rw.printHint') }}</p>

      @if (reassigning() && canReassign()) {
        <form class="form" (ngSubmit)="reassign()" data-testid="reassign-form">
          <app-user-picker
            testId="reassign-assignee"
            [currentId]="referral().assignedTo?.id ?? null"
            [(value)]="assignee"
            [error]="fieldErrors()['assigneeId'] ?? null"
          />
          <div class="actions">
            <button mat-flat-button type="submit" data-testid="reassign-submit" [disabled]="busy() || !assignee()">
              {{ w('rw.reassign.submit') }}
            </button>
            <button mat-button type="button" (click)="reassigning.set(false)">{{ w('rw.cancel') }}</button>
          </div>
        </form>
      }

      <div role="status" aria-live="polite">
        @if (notice(); as n) {
          <p class="notice" [class.error]="n.kind === 'error'" data-testid="referral-work-notice">{{ n.text }}</p>
        }
      </div>

      <h3 class="sub" id="rw-notes">{{ w('rw.notes') }}</h3>
      <ul class="items" aria-labelledby="rw-notes" data-testid="referral-notes">
        @for (n of notesView(); track n.id) {
          <li class="note" [class.receiver]="n.receiver" data-testid="referral-note" [attr.data-agency]="n.agencyCode">
            <div class="meta">{{ n.who }} · {{ n.at }}</div>
            <div data-testid="referral-note-body">{{ n.body }}</div>
          </li>
        } @empty {
          <li>{{ w('rw.notes.empty') }}</li>
        }
      </ul>
      @if (canWrite()) {
        <form class="form" (ngSubmit)="addNote()" data-testid="note-form">
          <mat-form-field>
            <mat-label>{{ w('rw.notes.new') }}</mat-label>
            <textarea
              matInput
              name="note"
              rows="3"
              maxlength="10000"
              [(ngModel)]="draft"
              data-testid="note-body"
            ></textarea>
            <mat-hint>{{ w('rw.notes.hint') }}</mat-hint>
            @if (fieldErrors()['body']; as e) {
              <mat-error>{{ e }}</mat-error>
            }
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="submit" data-testid="note-submit" [disabled]="busy() || !draft.trim()">
              {{ w('rw.notes.submit') }}
            </button>
          </div>
        </form>
      }
    </section>
  `,
})
export class ReferralWork {
  readonly referral = input.required<ReferralDetailView>();
  /** the referral as the API answered after a change made here */
  readonly changed = output<ReferralDetailView>();

  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);

  protected readonly notes = signal<ReferralNoteView[]>([]);
  protected readonly busy = signal(false);
  protected readonly reassigning = signal(false);
  protected readonly assignee = signal('');
  protected readonly notice = signal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected draft = '';

  protected readonly canReassign = computed(() => this.referral().allowedActions.includes('REASSIGN'));
  protected readonly canWrite = computed(() => this.referral().allowedActions.includes('ADD_NOTE'));

  protected readonly clock = computed(() => {
    const r = this.referral();
    if (!r.servicesDueBy) return null;
    const lang = this.i18n.language();
    const c = slaClock(r.servicesDueBy, Date.now());
    const running = r.status === 'ACCEPTED';
    return {
      at: formatDateTime(r.servicesDueBy, lang),
      overdue: running && c.overdue,
      text: running
        ? rwT(lang, c.overdue ? 'rw.servicesDue.overdue' : 'rw.servicesDue.left', { h: c.h, m: c.m })
        : rwT(lang, 'rw.servicesDue.done'),
    };
  });

  protected readonly notesView = computed(() => {
    const lang = this.i18n.language();
    const r = this.referral();
    return this.notes().map((n) => ({
      id: n.id,
      body: n.body,
      agencyCode: n.author.agencyCode ?? '',
      receiver: n.author.agencyCode === r.toAgency.code,
      who: `${personName(n.author)} (${this.names.agency(n.author.agencyCode, lang)})`,
      at: formatDateTime(n.createdAt, lang),
    }));
  });

  constructor() {
    effect(() => {
      const id = this.referral().id;
      untracked(() => void this.loadNotes(id));
    });
  }

  protected w(key: ReferralWorkKey): string {
    return rwT(this.i18n.language(), key);
  }

  private async loadNotes(id: string): Promise<void> {
    try {
      // every page, oldest first (the API's page holds at most 100)
      const all: ReferralNoteView[] = [];
      let cursor: string | null = null;
      do {
        const params: Record<string, string | number> = cursor ? { limit: 100, cursor } : { limit: 100 };
        const page: Page<ReferralNoteView> = await firstValueFrom(
          this.http.get<Page<ReferralNoteView>>(`${API}/referrals/${id}/notes`, { params }),
        );
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      this.notes.set(all);
    } catch (e) {
      this.fail(e);
    }
  }

  protected async addNote(): Promise<void> {
    const body = this.draft.trim();
    if (!body) return;
    await this.act(async (id) => {
      const note = await firstValueFrom(
        this.http.post<ReferralNoteView>(`${API}/referrals/${id}/notes`, { body } satisfies AddReferralNoteRequest),
      );
      this.notes.update((list) => [...list, note]);
      this.draft = '';
      this.changed.emit(await firstValueFrom(this.http.get<ReferralDetailView>(`${API}/referrals/${id}`)));
    });
  }

  protected async reassign(): Promise<void> {
    const r = this.referral();
    if (!this.assignee()) return;
    await this.act(async (id) => {
      const next = await firstValueFrom(
        this.http.post<ReferralDetailView>(`${API}/referrals/${id}/reassign`, {
          version: r.version,
          assigneeId: this.assignee(),
        } satisfies ReassignReferralRequest),
      );
      this.reassigning.set(false);
      this.assignee.set('');
      this.notice.set({ kind: 'ok', text: this.w('rw.reassign.done') });
      this.changed.emit(next);
    });
  }

  /** Fetches the PDF with the caller's token (no personal data in the URL) and hands it to the browser. */
  protected async print(): Promise<void> {
    await this.act(async (id) => {
      const blob = await firstValueFrom(this.http.get(`${API}/referrals/${id}/print`, { responseType: 'blob' }));
      saveBlob(blob, `referral-${this.referral().caseNumber}.pdf`);
    });
  }

  private async act(run: (id: string) => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.notice.set(null);
    this.fieldErrors.set({});
    try {
      await run(this.referral().id);
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy.set(false);
    }
  }

  private fail(e: unknown): void {
    const p = describeErrorIn(this.i18n, e);
    this.fieldErrors.set(p.fields);
    this.notice.set({ kind: 'error', text: p.message || this.w('rw.failed') });
  }
}
