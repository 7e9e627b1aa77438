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
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import {
  label,
  MATCH_REQUEST_STATUS_LABELS,
  SEED_AGENCY_LABELS,
  type MatchRequestSummaryView,
  type PersonCandidateView,
  INTERVIEW_SEX_LABELS,
  PERSON_MATCH_REASON_LABELS,
} from '@ctms/domain';
import { MatchRequestsApi } from '../match-requests/match-requests.api';
import { duplicateSearchInput } from '../screenings/screening.logic';
import { toFailure, type Rec } from '../screenings/screenings.api';
import { PersonsApi } from './persons.api';
import { formatDateTime, I18n, TranslatePipe, type TranslationKey } from '@ctms/ui';

/** What a failed match-request call tells the user. */
function askFailureKey(err: unknown): TranslationKey {
  const f = toFailure(err);
  if (f.status === 0) return 'scr.err.offline';
  if (f.status === 429) return 'dup.err.tooMany';
  if (f.code === 'NOT_INTERVIEWER') return 'dup.mr.err.notInterviewer';
  if (f.code === 'BIO_DATA_REQUIRED') return 'dup.needName';
  if (f.code === 'ACTION_NOT_ALLOWED_IN_STATE') return 'dup.mr.err.state';
  return 'dup.mr.err.failed';
}

/**
 * "Is this person already known?" before a new person is created: posts the name, birth year and a
 * document number, lists candidates by initials, birth year, sex, the case numbers the user may open
 * and why they matched. The caseworker links one (bioData.personId) or goes on with a new person.
 *
 * The search returns only persons the user's agency may see. When another agency holds a strong
 * match, it says only that (decision 0016): the interviewer may ask that agency to check, with the
 * bio-data SAVED in the draft (the page's autosave is flushed first and waited for). The requests of
 * this screening are listed with their status; the asked agency is named, and its person offered
 * for linking, only once it has answered. Nothing of that person is shown before.
 */
@Component({
  selector: 'app-duplicate-check',
  imports: [MatButtonModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="dup" aria-labelledby="dup-title" data-testid="duplicate-check">
      <h2 id="dup-title" class="title">{{ 'dup.title' | t }}</h2>
      @if (linkedId(); as id) {
        <p data-testid="dup-linked">{{ linkedText() }}</p>
        <button mat-stroked-button type="button" (click)="unlink()" data-testid="dup-unlink">
          {{ 'dup.unlink' | t }}
        </button>
      } @else {
        <p class="hint">{{ 'dup.intro' | t }}</p>
        <button
          mat-stroked-button
          type="button"
          (click)="search()"
          [disabled]="busy() || !input()"
          data-testid="dup-search"
        >
          {{ 'dup.search' | t }}
        </button>
        @if (!input()) {
          <p class="hint">{{ 'dup.needName' | t }}</p>
        }
      }
      <div role="status" aria-live="polite">
        @if (error(); as e) {
          <p class="err">{{ e | t }}</p>
        }
        @if (candidates(); as list) {
          @if (list.length === 0) {
            <p data-testid="dup-none">{{ (elsewhere() ? 'dup.noneHere' : 'dup.none') | t }}</p>
          } @else {
            <p data-testid="dup-count">{{ 'dup.found' | t: { n: list.length } }}</p>
          }
        }
        @if (elsewhere() && !linkedId()) {
          <p class="elsewhere-title" data-testid="dup-elsewhere">
            <strong>{{ 'dup.elsewhere.title' | t }}</strong>
          </p>
        }
      </div>
      @if (candidates(); as list) {
        <ul class="candidates">
          @for (c of list; track c.personId) {
            <li data-testid="dup-candidate">
              <strong>{{ c.display.initials }}</strong>
              · {{ 'dup.birthYear' | t }}: {{ c.display.birthYear ?? '—' }} · {{ 'dup.sex' | t }}: {{ sex(c) }}
              <br />
              {{ 'dup.cases' | t }}:
              {{ c.display.caseNumbers.length ? c.display.caseNumbers.join(', ') : ('dup.noCases' | t) }}
              <br />
              {{ 'dup.why' | t }}: <span data-testid="dup-reasons">{{ reasons(c) }}</span>
              <div>
                <button mat-button type="button" (click)="link(c)" [attr.data-testid]="'dup-link-' + $index">
                  {{ 'dup.link' | t: { initials: c.display.initials } }}
                </button>
              </div>
            </li>
          }
        </ul>
        @if (!linkedId() && list.length > 0) {
          <button mat-button type="button" (click)="candidates.set(null)" data-testid="dup-new">
            {{ 'dup.continueNew' | t }}
          </button>
        }
      }

      @if (elsewhere() && !linkedId()) {
        <div class="elsewhere" data-testid="dup-elsewhere-panel">
          <p>{{ 'dup.elsewhere.body' | t }}</p>
          @if (canAsk()) {
            <p class="hint" id="dup-ask-hint">{{ 'dup.elsewhere.saved' | t }}</p>
            <button
              mat-flat-button
              type="button"
              (click)="ask()"
              [disabled]="asking() !== null"
              aria-describedby="dup-ask-hint"
              data-testid="dup-ask"
            >
              {{ 'dup.elsewhere.ask' | t }}
            </button>
          } @else {
            <p class="hint" data-testid="dup-ask-not-allowed">{{ 'dup.elsewhere.notInterviewer' | t }}</p>
          }
        </div>
      }
      <div
        role="status"
        aria-live="polite"
        data-testid="dup-ask-state"
        [attr.data-state]="asking() ?? askOutcome() ?? 'idle'"
      >
        @if (asking(); as step) {
          <p>{{ (step === 'saving' ? 'dup.mr.saving' : 'dup.mr.asking') | t }}</p>
        } @else if (askError(); as e) {
          <p class="err" data-testid="dup-ask-error">{{ e | t }}</p>
        } @else if (askOutcome() === 'none') {
          <p data-testid="dup-ask-none">{{ 'dup.mr.noneAsked' | t }}</p>
        } @else if (askOutcome() === 'asked') {
          <p data-testid="dup-asked">{{ 'dup.mr.asked' | t }}</p>
        }
      </div>

      @if (requests().length > 0) {
        <section class="requests" aria-labelledby="dup-mr-title" data-testid="dup-requests">
          <h3 id="dup-mr-title" class="subtitle">{{ 'dup.mr.title' | t }}</h3>
          <ul class="candidates">
            @for (r of requestRows(); track r.id) {
              <li data-testid="dup-request" [attr.data-status]="r.status" [attr.data-id]="r.id">
                <strong data-testid="dup-request-status">{{ r.statusLabel }}</strong>
                · {{ r.agency }} · {{ 'dup.mr.askedAt' | t: { when: r.asked } }}
                <br />
                @switch (r.status) {
                  @case ('OPEN') {
                    <span class="hint">{{ 'dup.mr.openHint' | t }}</span>
                  }
                  @case ('NO_MATCH') {
                    <span>{{ 'dup.mr.noMatchHint' | t }}</span>
                  }
                  @case ('LINKED') {
                    @if (r.linkedHere) {
                      <span>{{ 'dup.mr.linkedHere' | t }}</span>
                    } @else {
                      <span>{{ 'dup.mr.linkedHint' | t }}</span>
                    }
                  }
                }
                <div class="row-actions">
                  @if (r.status === 'LINKED' && !r.linkedHere && r.linkedPersonId) {
                    <button
                      mat-flat-button
                      type="button"
                      (click)="linkMatched(r.linkedPersonId)"
                      data-testid="dup-request-link"
                    >
                      {{ 'dup.mr.link' | t }}
                    </button>
                  }
                  <a mat-button [routerLink]="['/match-requests', r.id]" data-testid="dup-request-open">{{
                    'dup.mr.open' | t
                  }}</a>
                </div>
              </li>
            }
          </ul>
          <button
            mat-stroked-button
            type="button"
            (click)="refresh()"
            [disabled]="refreshing()"
            data-testid="dup-requests-refresh"
          >
            {{ 'dup.mr.refresh' | t }}
          </button>
        </section>
      }
    </section>
  `,
  styles: `
    .dup {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 16px 12px;
      margin: 12px 0;
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 4px;
    }
    .subtitle {
      font: var(--mat-sys-title-small);
      margin: 12px 0 4px;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .err {
      color: var(--mat-sys-error);
    }
    .elsewhere {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      border-radius: 8px;
      padding: 4px 12px 12px;
      margin: 8px 0;
    }
    .elsewhere .hint {
      color: inherit;
    }
    .candidates {
      list-style: none;
      padding: 0;
    }
    .candidates li {
      border-top: 1px solid var(--mat-sys-outline-variant);
      padding: 8px 0;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 4px;
    }
  `,
})
export class DuplicateCheck {
  private readonly api = inject(PersonsApi);
  private readonly matches = inject(MatchRequestsApi);
  private readonly i18n = inject(I18n);

  readonly bioData = input.required<Rec>();
  /** the saved screening (null before its first save): its match requests are listed */
  readonly screeningId = input<string | null>(null);
  /** the user may ask other agencies (match:request, and the interviewer of this screening) */
  readonly canAsk = input(false);
  /** saves the draft now (the page's autosave) and answers its id, or null when it could not be saved */
  readonly saveDraft = input<() => Promise<string | null>>(async () => null);
  /** the chosen person id, or null to go on with a new person */
  readonly linked = output<string | null>();

  protected readonly busy = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly candidates = signal<PersonCandidateView[] | null>(null);
  /** the last search said another agency holds a strong match */
  protected readonly elsewhere = signal(false);
  private readonly linkedInitialsSig = signal<string | null>(null);

  protected readonly requests = signal<MatchRequestSummaryView[]>([]);
  protected readonly asking = signal<'saving' | 'asking' | null>(null);
  protected readonly askOutcome = signal<'asked' | 'none' | null>(null);
  protected readonly askError = signal<TranslationKey | null>(null);
  protected readonly refreshing = signal(false);
  /** bumped by every read or write of the list: an answer older than the latest one is dropped */
  private listGeneration = 0;

  protected readonly input = computed(() => duplicateSearchInput(this.bioData()));
  protected readonly linkedId = computed(() => {
    const id = this.bioData()['personId'];
    return typeof id === 'string' ? id : null;
  });

  /** The request whose answer the draft is linked to, if any. */
  private readonly linkedRequest = computed(() => {
    const id = this.linkedId();
    return id ? (this.requests().find((r) => r.status === 'LINKED' && r.linkedPersonId === id) ?? null) : null;
  });

  protected readonly linkedText = computed(() => {
    const r = this.linkedRequest();
    if (r) return this.i18n.t('dup.mr.linked', { agency: this.agencyName(r) });
    return this.i18n.t('dup.linked', { initials: this.linkedInitialsSig() ?? '…' });
  });

  protected readonly requestRows = computed(() => {
    const lang = this.i18n.language();
    const linked = this.linkedId();
    return this.requests().map((r) => ({
      id: r.id,
      status: r.status,
      statusLabel: label(MATCH_REQUEST_STATUS_LABELS, r.status, lang),
      agency: this.agencyName(r),
      asked: formatDateTime(r.createdAt, lang),
      linkedPersonId: r.linkedPersonId,
      linkedHere: r.linkedPersonId !== null && r.linkedPersonId === linked,
    }));
  });

  constructor() {
    // the requests of the screening, as soon as it exists on the server
    effect(() => {
      const id = this.screeningId();
      untracked(() => {
        if (id) void this.loadRequests(id);
        else this.requests.set([]);
      });
    });
  }

  protected async search(): Promise<void> {
    const q = this.input();
    if (!q) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const res = await this.api.search({ ...q, limit: 10 });
      this.candidates.set(res.candidates);
      this.elsewhere.set(res.possibleMatchElsewhere === true);
      this.askOutcome.set(null);
      this.askError.set(null);
    } catch (err) {
      const f = toFailure(err);
      this.error.set(f.status === 0 ? 'scr.err.offline' : f.status === 429 ? 'dup.err.tooMany' : 'dup.failed');
    } finally {
      this.busy.set(false);
    }
  }

  /** Saves the draft (waits for the autosave), then asks the agencies holding strong matches. */
  protected async ask(): Promise<void> {
    if (this.asking()) return;
    this.askError.set(null);
    this.askOutcome.set(null);
    this.asking.set('saving');
    try {
      const id = await this.saveDraft()();
      if (!id) {
        this.askError.set('dup.mr.unsaved');
        return;
      }
      this.asking.set('asking');
      const res = await this.matches.raise(id);
      this.listGeneration++;
      this.requests.set(res.requests);
      this.askOutcome.set(res.requests.length ? 'asked' : 'none');
    } catch (err) {
      this.askError.set(askFailureKey(err));
    } finally {
      this.asking.set(null);
    }
  }

  /** Reads the requests again (an answer may have come). */
  protected async refresh(): Promise<void> {
    const id = this.screeningId();
    if (!id) return;
    this.refreshing.set(true);
    try {
      await this.loadRequests(id);
    } finally {
      this.refreshing.set(false);
    }
  }

  private async loadRequests(id: string): Promise<void> {
    const generation = ++this.listGeneration;
    try {
      const res = await this.matches.forScreening(id);
      // the screening loaded and asked meanwhile: a list read before the request was raised is stale
      if (generation === this.listGeneration && this.screeningId() === id) this.requests.set(res.requests);
    } catch {
      /* the list is a convenience of the page: the request pages still show it */
    }
  }

  private agencyName(r: MatchRequestSummaryView): string {
    return r.askedAgency
      ? label(SEED_AGENCY_LABELS, r.askedAgency.code, this.i18n.language())
      : this.i18n.t('dup.mr.agencyHidden');
  }

  protected sex(c: PersonCandidateView): string {
    return c.display.sex ? label(INTERVIEW_SEX_LABELS, c.display.sex, this.i18n.language()) : '—';
  }

  protected reasons(c: PersonCandidateView): string {
    const lang = this.i18n.language();
    return c.reasons.map((r) => label(PERSON_MATCH_REASON_LABELS, r, lang)).join(', ');
  }

  protected link(c: PersonCandidateView): void {
    this.linkedInitialsSig.set(c.display.initials);
    this.candidates.set(null);
    this.linked.emit(c.personId);
  }

  /** The person the asked agency named: linked exactly as a found candidate is. */
  protected linkMatched(personId: string): void {
    this.linkedInitialsSig.set(null);
    this.candidates.set(null);
    this.elsewhere.set(false);
    this.linked.emit(personId);
  }

  protected unlink(): void {
    this.linkedInitialsSig.set(null);
    this.linked.emit(null);
  }
}
