import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { label } from '@ctms/domain';
import type { TranslationKey } from '../core/i18n/dictionaries';
import { I18n } from '../core/i18n/i18n.service';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { MATCH_REASONS, SEXES } from '../screenings/screening-codes';
import { duplicateSearchInput } from '../screenings/screening.logic';
import { toFailure, type Rec } from '../screenings/screenings.api';
import { PersonsApi, type PersonCandidate } from './persons.api';

/**
 * "Is this person already known?" before a new person is created: posts the name, birth year and a
 * document number, lists candidates by initials, birth year, sex, the case numbers the user may open
 * and why they matched. The caseworker links one (bioData.personId) or goes on with a new person.
 */
@Component({
  selector: 'app-duplicate-check',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="dup" aria-labelledby="dup-title" data-testid="duplicate-check">
      <h2 id="dup-title" class="title">{{ 'dup.title' | t }}</h2>
      @if (linkedId(); as id) {
        <p data-testid="dup-linked">{{ 'dup.linked' | t: { initials: linkedInitials() ?? '' } }}</p>
        <button mat-stroked-button type="button" (click)="unlink()" data-testid="dup-unlink">{{ 'dup.unlink' | t }}</button>
      } @else {
        <p class="hint">{{ 'dup.intro' | t }}</p>
        <button mat-stroked-button type="button" (click)="search()" [disabled]="busy() || !input()" data-testid="dup-search">{{ 'dup.search' | t }}</button>
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
            <p data-testid="dup-none">{{ 'dup.none' | t }}</p>
          } @else {
            <p data-testid="dup-count">{{ 'dup.found' | t: { n: list.length } }}</p>
          }
        }
      </div>
      @if (candidates(); as list) {
        <ul class="candidates">
          @for (c of list; track c.personId) {
            <li data-testid="dup-candidate">
              <strong>{{ c.display.initials }}</strong>
              · {{ 'dup.birthYear' | t }}: {{ c.display.birthYear ?? '—' }} · {{ 'dup.sex' | t }}: {{ sex(c) }}
              <br />
              {{ 'dup.cases' | t }}: {{ c.display.caseNumbers.length ? c.display.caseNumbers.join(', ') : ('dup.noCases' | t) }}
              <br />
              {{ 'dup.why' | t }}: <span data-testid="dup-reasons">{{ reasons(c) }}</span>
              <div>
                <button mat-button type="button" (click)="link(c)" [attr.data-testid]="'dup-link-' + $index">{{ 'dup.link' | t: { initials: c.display.initials } }}</button>
              </div>
            </li>
          }
        </ul>
        @if (!linkedId()) {
          <button mat-button type="button" (click)="candidates.set(null)" data-testid="dup-new">{{ 'dup.continueNew' | t }}</button>
        }
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
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .err {
      color: var(--mat-sys-error);
    }
    .candidates {
      list-style: none;
      padding: 0;
    }
    .candidates li {
      border-top: 1px solid var(--mat-sys-outline-variant);
      padding: 8px 0;
    }
  `,
})
export class DuplicateCheck {
  private readonly api = inject(PersonsApi);
  private readonly i18n = inject(I18n);

  readonly bioData = input.required<Rec>();
  /** the chosen person id, or null to go on with a new person */
  readonly linked = output<string | null>();

  protected readonly busy = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly candidates = signal<PersonCandidate[] | null>(null);
  private readonly linkedInitialsSig = signal<string | null>(null);

  protected readonly input = computed(() => duplicateSearchInput(this.bioData()));
  protected readonly linkedId = computed(() => {
    const id = this.bioData()['personId'];
    return typeof id === 'string' ? id : null;
  });
  protected linkedInitials(): string | null {
    return this.linkedInitialsSig() ?? '…';
  }

  protected async search(): Promise<void> {
    const q = this.input();
    if (!q) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const res = await this.api.search({ ...q, limit: 10 });
      this.candidates.set(res.candidates);
    } catch (err) {
      this.error.set(toFailure(err).status === 0 ? 'scr.err.offline' : 'dup.failed');
    } finally {
      this.busy.set(false);
    }
  }

  protected sex(c: PersonCandidate): string {
    return c.display.sex ? label(SEXES, c.display.sex, this.i18n.language()) : '—';
  }

  protected reasons(c: PersonCandidate): string {
    const lang = this.i18n.language();
    return c.reasons.map((r) => label(MATCH_REASONS, r, lang)).join(', ');
  }

  protected link(c: PersonCandidate): void {
    this.linkedInitialsSig.set(c.display.initials);
    this.candidates.set(null);
    this.linked.emit(c.personId);
  }

  protected unlink(): void {
    this.linkedInitialsSig.set(null);
    this.linked.emit(null);
  }
}
