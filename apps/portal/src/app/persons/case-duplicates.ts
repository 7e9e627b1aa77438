import { HttpErrorResponse } from '@angular/common/http';
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
import { MatButtonModule } from '@angular/material/button';
import {
  label,
  type PersonCandidateView,
  type PersonIdentity,
  type PersonMergeView,
  type PersonReadView,
  type PersonSearchRequest,
  PERSON_MATCH_REASON_LABELS,
  SEX_LABELS,
} from '@ctms/domain';
import { CaseApi } from '../cases/case-api';
import { isCtKey, type CtKey } from '../cases/case-tools-i18n';
import { PersonsApi } from './persons.api';
import { ConfirmAction, describeErrorIn, I18n, TranslatePipe } from '@ctms/ui';

/** What to search with, from the person of the case: a name (Lao first), the birth year. Null without a name. */
export function searchInputOf(p: PersonReadView): PersonSearchRequest | null {
  const id: Partial<PersonIdentity> = ('identity' in p ? p.identity : null) ?? {};
  const lao = [id.givenNameLo, id.familyNameLo].filter((x): x is string => !!x && !!x.trim()).join(' ');
  const name = lao || id.latinNames?.find((n) => n.trim()) || id.nicknames?.find((n) => n.trim()) || '';
  if (!name) return null;
  const year = id.dateOfBirth && /^\d{4}/.test(id.dateOfBirth) ? id.dateOfBirth.slice(0, 4) : undefined;
  return { name, ...(year ? { dateOfBirth: year } : {}), limit: 10 };
}

/**
 * Supervisors (person:merge) on the case page: possible duplicates of the case's person, ranked,
 * with why they matched and never a name (initials, birth year, sex, the case numbers the user may
 * open). Merging folds the candidate INTO this case's person after a confirmation that says what
 * happens and a reason for the audit trail; the merge just made can be undone from here.
 */
@Component({
  selector: 'app-case-duplicates',
  imports: [ConfirmAction, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel" aria-labelledby="dup-heading" data-testid="case-duplicates">
      <h2 id="dup-heading" class="sub">{{ 'ct.dup.title' | t }}</h2>
      <p class="hint" id="dup-intro">{{ 'ct.dup.intro' | t }}</p>
      <button
        mat-stroked-button
        type="button"
        data-testid="dup-search"
        aria-describedby="dup-intro"
        [disabled]="busy()"
        (click)="search()"
      >
        {{ (busy() && !confirming() ? 'ct.dup.searching' : 'ct.dup.search') | t }}
      </button>

      <div role="status" aria-live="polite">
        @if (notice(); as n) {
          <p [class.error]="n.error" data-testid="dup-notice">{{ n.text }}</p>
        }
        @if (candidates(); as list) {
          <p data-testid="dup-count">
            {{ list.length ? ('ct.dup.found' | t: { n: list.length }) : ('ct.dup.none' | t) }}
          </p>
        }
      </div>

      @if (lastMerge(); as m) {
        @if (!m.merge.undoneAt) {
          <app-confirm-action
            testId="dup-undo-start"
            [testIds]="{ form: 'dup-undo-form', reason: 'dup-undo-reason', confirm: 'dup-undo' }"
            [label]="'ct.dup.undo' | t"
            [title]="'ct.dup.undoTitle' | t"
            [reasonLabel]="'ct.dup.undoReason' | t"
            [reasonHint]="'ct.dup.reasonHint' | t"
            [busy]="busy()"
            [run]="undo"
          />
        }
      }

      @if (rows().length) {
        <ul class="items" data-testid="dup-list">
          @for (c of rows(); track c.personId) {
            <li data-testid="dup-candidate">
              <dl class="facts">
                <dt>{{ 'ct.dup.initials' | t }}</dt>
                <dd data-testid="dup-initials">{{ c.initials }}</dd>
                <dt>{{ 'ct.dup.birthYear' | t }}</dt>
                <dd>{{ c.birthYear }}</dd>
                <dt>{{ 'ct.dup.sex' | t }}</dt>
                <dd>{{ c.sex }}</dd>
                <dt>{{ 'ct.dup.cases' | t }}</dt>
                <dd data-testid="dup-cases">{{ c.cases }}</dd>
                <dt>{{ 'ct.dup.why' | t }}</dt>
                <dd data-testid="dup-reasons">{{ c.reasons }}</dd>
                <dt>{{ 'ct.dup.score' | t }}</dt>
                <dd>{{ c.score }}</dd>
              </dl>
              <app-confirm-action
                testId="dup-merge"
                [testIds]="{
                  form: 'dup-confirm',
                  body: 'dup-confirm-body',
                  reason: 'dup-reason',
                  confirm: 'dup-confirm-merge',
                  cancel: 'dup-confirm-cancel',
                }"
                [label]="'ct.dup.merge' | t: { initials: c.initials }"
                [title]="'ct.dup.confirmTitle' | t: { initials: c.initials, number: caseNumber() }"
                [message]="'ct.dup.confirmBody' | t: { initials: c.initials, number: caseNumber(), cases: c.cases }"
                [confirmLabel]="'ct.dup.confirm' | t"
                [reasonLabel]="'ct.dup.reason' | t"
                [reasonHint]="'ct.dup.reasonHint' | t"
                [busy]="busy()"
                [open]="confirming()?.personId === c.personId"
                (openChange)="confirming.set($event ? c.candidate : null)"
                [run]="merger(c.candidate)"
              />
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    @use 'section';
  `,
})
export class CaseDuplicates {
  private readonly persons = inject(PersonsApi);
  private readonly cases = inject(CaseApi);
  private readonly i18n = inject(I18n);

  /** the person of the case: the survivor of any merge made here */
  readonly personId = input.required<string>();
  readonly caseNumber = input.required<string>();
  /** a merge or an undo happened: the case page reloads what depends on the person */
  readonly changed = output<void>();

  protected readonly busy = signal(false);
  protected readonly notice = signal<{ text: string; error: boolean } | null>(null);
  protected readonly candidates = signal<PersonCandidateView[] | null>(null);
  protected readonly confirming = signal<PersonCandidateView | null>(null);
  protected readonly lastMerge = signal<{ merge: PersonMergeView; initials: string } | null>(null);

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return (this.candidates() ?? []).map((c) => ({
      candidate: c,
      personId: c.personId,
      initials: c.display.initials,
      birthYear: c.display.birthYear ?? '—',
      sex: c.display.sex ? label(SEX_LABELS, c.display.sex, lang) : '—',
      cases: c.display.caseNumbers.length ? c.display.caseNumbers.join(', ') : this.t('ct.dup.noCases'),
      reasons: c.reasons.map((r) => label(PERSON_MATCH_REASON_LABELS, r, lang)).join(', '),
      score: `${Math.round(c.score * 100)}%`,
    }));
  });

  constructor() {
    effect(() => {
      this.personId();
      untracked(() => {
        this.candidates.set(null);
        this.confirming.set(null);
        this.lastMerge.set(null);
        this.notice.set(null);
      });
    });
  }

  private t(key: CtKey, params?: Readonly<Record<string, string | number>>): string {
    return this.i18n.t(key, params);
  }

  private failure(e: unknown, fallback: CtKey): string {
    const code = e instanceof HttpErrorResponse ? (e.error as { code?: unknown } | null)?.code : null;
    const key = typeof code === 'string' ? `ct.dup.${code}` : '';
    if (isCtKey(key)) return this.t(key);
    if (e instanceof HttpErrorResponse && (e.status === 0 || e.status === 403 || e.status === 404)) {
      return describeErrorIn(this.i18n, e).message;
    }
    return this.t(fallback);
  }

  /** Reads the person (audited by the API), searches with its name and birth year, drops the person itself. */
  protected async search(): Promise<void> {
    this.busy.set(true);
    this.notice.set(null);
    this.confirming.set(null);
    try {
      const person = await this.cases.person(this.personId());
      const q = searchInputOf(person);
      if (!q) {
        this.candidates.set(null);
        this.notice.set({ text: this.t('ct.dup.noName'), error: true });
        return;
      }
      const res = await this.persons.search(q);
      this.candidates.set(res.candidates.filter((c) => c.personId !== this.personId()));
    } catch (e) {
      this.candidates.set(null);
      this.notice.set({ text: this.failure(e, 'ct.dup.failed'), error: true });
    } finally {
      this.busy.set(false);
    }
  }

  /** Merges the candidate into the case's person with the confirmation's reason; true once done. */
  protected merger(c: PersonCandidateView): (reason: string) => Promise<boolean> {
    return async (reason) => {
      this.busy.set(true);
      this.notice.set(null);
      try {
        const merge = await this.persons.merge(this.personId(), c.personId, reason);
        this.lastMerge.set({ merge, initials: c.display.initials });
        this.confirming.set(null);
        this.candidates.update((list) => (list ?? []).filter((x) => x.personId !== c.personId));
        this.notice.set({ text: this.t('ct.dup.merged', { initials: c.display.initials }), error: false });
        this.changed.emit();
        return true;
      } catch (e) {
        this.notice.set({ text: this.failure(e, 'ct.dup.mergeFailed'), error: true });
        return false;
      } finally {
        this.busy.set(false);
      }
    };
  }

  /** Undoes the merge just made, with the confirmation's reason; true once done. */
  protected readonly undo = async (reason: string): Promise<boolean> => {
    const last = this.lastMerge();
    if (!last) return false;
    this.busy.set(true);
    this.notice.set(null);
    try {
      const merge = await this.persons.undoMerge(last.merge.id, reason);
      this.lastMerge.set({ merge, initials: last.initials });
      this.candidates.set(null);
      this.notice.set({ text: this.t('ct.dup.undone', { initials: last.initials }), error: false });
      this.changed.emit();
      return true;
    } catch (e) {
      this.notice.set({ text: this.failure(e, 'ct.dup.undoFailed'), error: true });
      return false;
    } finally {
      this.busy.set(false);
    }
  };
}
