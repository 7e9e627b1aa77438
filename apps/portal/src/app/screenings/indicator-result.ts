import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import {
  INDICATOR_DIMENSIONS,
  label,
  type IndicatorAssessment,
  INDICATIVE_RESULT_LABELS,
  INDICATOR_DIMENSION_LABELS,
  INDICATOR_PROFILE_LABELS,
} from '@ctms/domain';
import { I18n, TranslatePipe } from '@ctms/ui';

/** The INDICATIVE result of the indicator checklist, per dimension and overall — never a legal status. */
@Component({
  selector: 'app-indicator-result',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (assessment(); as a) {
      <section
        class="result"
        [class.positive]="a.indicativeResult === 'POSSIBLE_VICTIM'"
        aria-labelledby="result-title"
        data-testid="indicative-result"
      >
        <h2 id="result-title" class="title">{{ 'scr.ind.resultTitle' | t }}</h2>
        <p class="label" data-testid="indicative-label">{{ 'scr.ind.notLegal' | t }}</p>
        <p role="status" aria-live="polite" class="overall">
          <strong data-testid="indicative-overall" [attr.data-result]="a.indicativeResult">{{ overall() }}</strong>
          <span class="meta"
            >· {{ 'scr.ind.profile' | t }}: {{ profile() }}
            @if (!a.profileVerified) {
              ({{ 'scr.ind.unverified' | t }})
            }
          </span>
        </p>
        <ul class="dims">
          @for (d of dims(); track d.code) {
            <li [attr.data-testid]="'dimres-' + d.code" [attr.data-positive]="d.positive">
              <span class="mark" aria-hidden="true">{{ d.positive ? '●' : '○' }}</span>
              {{ d.text }}: {{ (d.positive ? 'scr.ind.dimMet' : 'scr.ind.dimNotMet') | t }}
              <span class="meta"
                >({{ 'scr.ind.counts' | t: { strong: d.strong, medium: d.medium, weak: d.weak } }})</span
              >
            </li>
          }
        </ul>
        @if (live()) {
          <p class="meta">{{ 'scr.ind.liveNote' | t }}</p>
        }
      </section>
    }
  `,
  styles: `
    .result {
      border: 2px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 16px;
      margin: 8px 0 16px;
      background: var(--mat-sys-surface-container-low);
    }
    .result.positive {
      border-color: #b26a00;
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    .label {
      font-weight: 700;
      margin: 0 0 4px;
      color: var(--mat-sys-on-surface);
    }
    .overall {
      margin: 0 0 4px;
    }
    .dims {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class IndicatorResult {
  private readonly i18n = inject(I18n);
  readonly assessment = input<IndicatorAssessment | null>(null);
  /** computed in the browser from unsaved answers (the server recomputes on save) */
  readonly live = input(false);

  protected readonly overall = computed(() => {
    const a = this.assessment();
    return a ? label(INDICATIVE_RESULT_LABELS, a.indicativeResult, this.i18n.language()) : '';
  });
  protected readonly profile = computed(() => {
    const a = this.assessment();
    return a ? label(INDICATOR_PROFILE_LABELS, a.profile, this.i18n.language()) : '';
  });
  protected readonly dims = computed(() => {
    const a = this.assessment();
    if (!a) return [];
    const lang = this.i18n.language();
    return INDICATOR_DIMENSIONS.map((code) => ({
      code,
      text: label(INDICATOR_DIMENSION_LABELS, code, lang),
      ...a.dimensions[code],
    }));
  });
}
