import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  label,
  MATCH_REQUEST_ACTION_LABELS,
  MATCH_REQUEST_STATUS_LABELS,
  SEED_AGENCY_LABELS,
  type Language,
  type MatchCandidateView,
  type MatchRequestDetailView,
  type MatchRequestTermsView,
  DOB_PRECISION_LABELS,
  INTERVIEW_SEX_LABELS,
} from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { MatchRequestsApi } from './match-requests.api';
import { ConfirmAction, describeErrorIn, formatDate, formatDateTime, I18n, RecordLoad, TranslatePipe } from '@ctms/ui';

/** A comment is kept to what the API takes. */
export const MATCH_COMMENT_MAX = 500;

/** The asking side's birth date as much of it as it knew: "4 March 1999", "03/1999 (Month and year only)", "1999 (Estimated)". */
export function termsBirthDate(t: MatchRequestTermsView, lang: Language): string {
  const dob = t.dateOfBirth;
  if (!dob) return '—';
  const [y, m] = dob.split('-');
  const p = t.dobPrecision ?? null;
  if (p === 'YEAR' || p === 'ESTIMATED') return `${y} (${label(DOB_PRECISION_LABELS, p, lang)})`;
  if (p === 'MONTH' && m) return `${m}/${y} (${label(DOB_PRECISION_LABELS, p, lang)})`;
  return /^\d{4}-\d{2}-\d{2}$/.test(dob) ? formatDate(dob, lang) : dob;
}

/**
 * /match-requests/:id, for both sides (reached from the inbox or a notification).
 *
 * The asked agency's supervisor sees what the asking side recorded beside the agency's own
 * candidate persons (initials, birth year, sex, its own case numbers: never more than recognising
 * them needs), names one ("this is the person", after saying what that discloses) or answers "no
 * match" with an optional comment, then sees the new status.
 *
 * The asking side sees the status only, the asked agency once it has answered, and the way back to
 * its screening, where a LINKED answer's person is linked: nothing of that person is shown here.
 */
@Component({
  selector: 'app-match-request-page',
  imports: [ConfirmAction, FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .chip {
      display: inline-block;
      padding: 0 8px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .compare {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0 16px;
      align-items: start;
    }
    @media (max-width: 839.98px) {
      .compare {
        grid-template-columns: 1fr;
      }
    }
  `,
  template: `
    <section class="page wide" data-testid="match-request-page">
      @if (canAnswerAny) {
        <a routerLink="/match-requests" class="back">{{ 'mr.back' | t }}</a>
      }
      @if (loadError(); as e) {
        <h1 class="page-title">{{ 'mr.title' | t }}</h1>
        <p role="alert" class="error" data-testid="mr-load-error">{{ e }}</p>
      } @else if (view(); as v) {
        <h1 class="page-title" data-testid="mr-title">
          {{ v.asked ? ('mr.page' | t: { agency: v.from }) : ('mr.pageOwn' | t) }}
        </h1>
        <p>
          <span class="chip" data-testid="mr-status" [attr.data-status]="v.status">{{ v.statusLabel }}</span>
        </p>
        <div role="status" aria-live="polite">
          @if (notice(); as n) {
            <p class="notice" [class.error]="n.kind === 'error'" data-testid="mr-notice">{{ n.text }}</p>
          }
        </div>

        <section class="panel" aria-labelledby="mr-facts">
          <h2 id="mr-facts" class="sub">{{ 'mr.title' | t }}</h2>
          <dl class="facts" data-testid="mr-facts">
            <dt>{{ 'mr.from' | t }}</dt>
            <dd>{{ v.from }}</dd>
            <dt>{{ 'mr.asked' | t }}</dt>
            <dd data-testid="mr-asked-agency">{{ v.to }}</dd>
            <dt>{{ 'mr.askedAt' | t }}</dt>
            <dd>{{ v.askedAt }}</dd>
            @if (v.answeredAt) {
              <dt>{{ 'mr.answeredAt' | t }}</dt>
              <dd>{{ v.answeredAt }}</dd>
            }
            @if (v.linked; as p) {
              <dt>{{ 'mr.linkedTo' | t }}</dt>
              <dd data-testid="mr-linked-person">
                {{ p.initials }} · {{ p.birthYear ?? '—' }} · {{ p.sex }} · {{ p.cases }}
              </dd>
            }
            @if (v.comment) {
              <dt>{{ 'mr.commentShown' | t }}</dt>
              <dd data-testid="mr-comment">{{ v.comment }}</dd>
            }
          </dl>
          @if (!v.asked && v.screeningId) {
            <p class="hint">{{ v.screeningHint | t }}</p>
            <a mat-stroked-button [routerLink]="['/screenings', v.screeningId]" data-testid="mr-open-screening">{{
              'mr.screening' | t
            }}</a>
          }
        </section>

        @if (v.asked) {
          <div class="compare">
            <section class="panel" aria-labelledby="mr-terms" data-testid="mr-terms">
              <h2 id="mr-terms" class="sub">{{ 'mr.terms' | t: { agency: v.from } }}</h2>
              <p class="hint">{{ 'mr.termsHint' | t }}</p>
              @if (v.terms; as t) {
                <dl class="facts">
                  <dt>{{ 'mr.name' | t }}</dt>
                  <dd data-testid="mr-terms-name">{{ t.name }}</dd>
                  <dt>{{ 'mr.dob' | t }}</dt>
                  <dd data-testid="mr-terms-dob">{{ t.dob }}</dd>
                  <dt>{{ 'mr.sex' | t }}</dt>
                  <dd>{{ t.sex }}</dd>
                  <dt>{{ 'mr.documents' | t }}</dt>
                  <dd data-testid="mr-terms-documents">{{ t.documents }}</dd>
                </dl>
              }
            </section>

            <section class="panel" aria-labelledby="mr-candidates" data-testid="mr-candidates">
              <h2 id="mr-candidates" class="sub">{{ 'mr.candidates' | t }}</h2>
              <p class="hint">{{ 'mr.candidatesHint' | t }}</p>
              <ul class="items">
                @for (c of v.candidates; track c.personId) {
                  <li data-testid="mr-candidate" [attr.data-person]="c.personId">
                    <dl class="facts">
                      <dt>{{ 'mr.initials' | t }}</dt>
                      <dd data-testid="mr-candidate-initials">{{ c.initials }}</dd>
                      <dt>{{ 'mr.birthYear' | t }}</dt>
                      <dd>{{ c.birthYear ?? '—' }}</dd>
                      <dt>{{ 'mr.sex' | t }}</dt>
                      <dd>{{ c.sex }}</dd>
                      <dt>{{ 'mr.cases' | t }}</dt>
                      <dd data-testid="mr-candidate-cases">{{ c.cases }}</dd>
                    </dl>
                    @if (v.canLink) {
                      <app-confirm-action
                        [testId]="'mr-link-' + $index"
                        [testIds]="{ confirm: 'mr-link-confirm' }"
                        [label]="v.linkLabel"
                        [message]="'mr.confirmLink' | t: { agency: v.from, initials: c.initials }"
                        [confirmLabel]="'mr.confirmYes' | t"
                        reason="none"
                        [busy]="busy()"
                        [open]="confirming() === c.personId"
                        (openChange)="confirming.set($event ? c.personId : null)"
                        [run]="linker(c.personId)"
                      />
                    }
                  </li>
                } @empty {
                  <li data-testid="mr-candidates-none">{{ 'mr.candidatesNone' | t }}</li>
                }
              </ul>
            </section>
          </div>

          @if (v.canNoMatch) {
            <section class="panel" aria-labelledby="mr-no-match">
              <h2 id="mr-no-match" class="sub">{{ 'mr.noMatchTitle' | t }}</h2>
              <form class="form" (ngSubmit)="noMatch()" data-testid="mr-no-match-form">
                <mat-form-field>
                  <mat-label>{{ 'mr.comment' | t: { agency: v.from } }}</mat-label>
                  <textarea
                    matInput
                    name="comment"
                    rows="2"
                    [maxlength]="commentMax"
                    [(ngModel)]="comment"
                    data-testid="mr-comment-input"
                    aria-describedby="mr-comment-hint"
                  ></textarea>
                  <mat-hint id="mr-comment-hint">{{ 'mr.commentHint' | t }}</mat-hint>
                </mat-form-field>
                <div class="actions">
                  <button mat-stroked-button type="submit" [disabled]="busy()" data-testid="mr-no-match">
                    {{ v.noMatchLabel }}
                  </button>
                </div>
              </form>
            </section>
          }
        }
      } @else {
        <p role="status">{{ 'ia.loading' | t }}</p>
      }
    </section>
  `,
})
export class MatchRequestPage {
  readonly id = input.required<string>();
  private readonly api = inject(MatchRequestsApi);
  private readonly i18n = inject(I18n);
  /** supervisors who answer requests also have the inbox to go back to */
  protected readonly canAnswerAny = inject(AuthService).can('match:answer');

  private readonly record = new RecordLoad(
    this.id,
    (id) => this.api.get(id),
    (e) => this.describe(e),
  );
  protected readonly r = this.record.value;
  protected readonly loadError = this.record.error;
  protected readonly notice = signal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  protected readonly busy = signal(false);
  /** the candidate whose "this is the person" waits for its confirmation */
  protected readonly confirming = signal<string | null>(null);
  protected comment = '';
  protected readonly commentMax = MATCH_COMMENT_MAX;

  protected readonly view = computed(() => {
    const r = this.r();
    if (!r) return null;
    const lang = this.i18n.language();
    const agency = (code: string) => label(SEED_AGENCY_LABELS, code, lang);
    const sex = (code: string | null) => (code ? label(INTERVIEW_SEX_LABELS, code, lang) : '—');
    const candidate = (c: MatchCandidateView) => ({
      personId: c.personId,
      initials: c.initials,
      birthYear: c.birthYear,
      sex: sex(c.sex),
      cases: c.caseNumbers.length ? c.caseNumbers.join(', ') : this.i18n.t('mr.noCases'),
    });
    const candidates = r.candidates.map(candidate);
    return {
      status: r.status,
      statusLabel: label(MATCH_REQUEST_STATUS_LABELS, r.status, lang),
      asked: r.side === 'ASKED',
      from: agency(r.askingAgency.code),
      to: r.askedAgency ? agency(r.askedAgency.code) : this.i18n.t('mr.askedHidden'),
      askedAt: formatDateTime(r.createdAt, lang),
      answeredAt: r.answeredAt ? formatDateTime(r.answeredAt, lang) : null,
      comment: r.comment,
      screeningId: r.screeningId,
      screeningHint:
        r.status === 'LINKED'
          ? ('mr.screeningLinked' as const)
          : r.status === 'NO_MATCH'
            ? ('mr.screeningNoMatch' as const)
            : ('mr.screeningOpen' as const),
      terms: r.terms
        ? {
            name: r.terms.name,
            dob: termsBirthDate(r.terms, lang),
            sex: sex(r.terms.sex),
            documents: r.terms.documentNumbers.length ? r.terms.documentNumbers.join(', ') : '—',
          }
        : null,
      candidates,
      /** the asked side's own person it named (the asking side is never shown one here) */
      linked:
        r.side === 'ASKED' && r.linkedPersonId
          ? (candidates.find((c) => c.personId === r.linkedPersonId) ?? null)
          : null,
      canLink: r.allowedActions.includes('LINK'),
      canNoMatch: r.allowedActions.includes('NO_MATCH'),
      linkLabel: label(MATCH_REQUEST_ACTION_LABELS, 'LINK', lang),
      noMatchLabel: label(MATCH_REQUEST_ACTION_LABELS, 'NO_MATCH', lang),
    };
  });

  private describe(e: unknown): string {
    const p = describeErrorIn(this.i18n, e, (code) =>
      code === 'PERSON_REQUIRED' ? this.i18n.t('mr.err.PERSON_REQUIRED') : null,
    );
    return p.fields['personId'] ? this.i18n.t('mr.err.personId') : p.message;
  }

  /** Links the request to the candidate once confirmed; true once the API answered. */
  protected linker(personId: string): () => Promise<boolean> {
    return () => {
      const r = this.r();
      return r ? this.answer(() => this.api.link(r.id, r.version, personId)) : Promise.resolve(false);
    };
  }

  protected async noMatch(): Promise<void> {
    const r = this.r();
    if (!r) return;
    const comment = this.comment.trim();
    await this.answer(() => this.api.noMatch(r.id, r.version, comment || undefined));
  }

  private async answer(run: () => Promise<MatchRequestDetailView>): Promise<boolean> {
    const r = this.r();
    if (!r || this.busy()) return false;
    this.busy.set(true);
    this.notice.set(null);
    try {
      const next = await run();
      this.r.set(next);
      this.confirming.set(null);
      this.comment = '';
      this.notice.set({
        kind: 'ok',
        text: this.i18n.t('mr.answerDone', {
          status: label(MATCH_REQUEST_STATUS_LABELS, next.status, this.i18n.language()),
        }),
      });
      return true;
    } catch (e) {
      this.notice.set({ kind: 'error', text: this.describe(e) });
      // someone else answered meanwhile, or the request moved on: show it as it is now
      await this.record.load(r.id).catch(() => undefined);
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
