import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import {
  isOneOf,
  label,
  PROVINCE_LABELS,
  SCREENING_STATUS_LABELS,
  SCREENING_STATUSES,
  type ScreeningListItemView,
  type ScreeningStatus,
  FACILITY_TYPE_LABELS,
  INDICATIVE_RESULT_LABELS,
  INTERVIEWER_ASSESSMENT_LABELS,
} from '@ctms/domain';
import { map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { failureMessageKey } from './screening-errors';
import { ScreeningsApi, toFailure } from './screenings.api';
import { formatDateTime, I18n, TranslatePipe, type TranslationKey } from '@ctms/ui';

interface ListState {
  items: ScreeningListItemView[];
  nextCursor: string | null;
  loading: boolean;
  error: TranslationKey | null;
}

const emptyList = (): ListState => ({ items: [], nextCursor: null, loading: false, error: null });

/**
 * /screenings: my drafts, then the agency's screenings by status (?status=SUBMITTED is the
 * supervisor's approval queue). Rows carry coded facts only, never a name.
 */
@Component({
  selector: 'app-screenings-list-page',
  imports: [NgTemplateOutlet, RouterLink, MatButtonModule, MatButtonToggleModule, MatSlideToggleModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './screenings-list.page.html',
  styleUrl: './screenings-list.page.scss',
})
export class ScreeningsListPage {
  private readonly api = inject(ScreeningsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);

  protected readonly statuses = SCREENING_STATUSES;
  protected readonly canCreate = this.auth.can('screening:create');
  protected readonly canReview = this.auth.can('screening:review');

  private readonly query = toSignal(
    this.route.queryParamMap.pipe(map((q) => ({ status: q.get('status'), mine: q.get('mine') === 'true' }))),
    {
      initialValue: { status: null as string | null, mine: false },
    },
  );
  protected readonly status = computed<ScreeningStatus | ''>(() => {
    const s = this.query().status;
    return isOneOf(SCREENING_STATUSES, s) ? s : '';
  });
  protected readonly mine = computed(() => this.query().mine);

  protected readonly drafts = signal<ListState>(emptyList());
  protected readonly list = signal<ListState>(emptyList());

  constructor() {
    if (this.canCreate) void this.load(this.drafts, { status: 'DRAFT', mine: true }, false);
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe(() => void this.reload());
  }

  protected reload(): Promise<void> {
    return this.load(this.list, { status: this.status() || null, mine: this.mine() }, false);
  }

  protected more(which: 'drafts' | 'list'): Promise<void> {
    return which === 'drafts'
      ? this.load(this.drafts, { status: 'DRAFT', mine: true }, true)
      : this.load(this.list, { status: this.status() || null, mine: this.mine() }, true);
  }

  private async load(
    target: ReturnType<typeof signal<ListState>>,
    q: { status: string | null; mine: boolean },
    append: boolean,
  ): Promise<void> {
    const prev = target();
    target.set({ ...(append ? prev : emptyList()), loading: true, error: null });
    try {
      const page = await this.api.list({ ...q, limit: 20, cursor: append ? prev.nextCursor : null });
      target.set({
        items: append ? [...prev.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        loading: false,
        error: null,
      });
    } catch (err) {
      target.set({ ...(append ? prev : emptyList()), loading: false, error: failureMessageKey(toFailure(err)) });
    }
  }

  protected filter(status: string): void {
    void this.router.navigate([], { queryParams: { status: status || null }, queryParamsHandling: 'merge' });
  }

  protected setMine(mine: boolean): void {
    void this.router.navigate([], { queryParams: { mine: mine ? 'true' : null }, queryParamsHandling: 'merge' });
  }

  protected statusLabel(s: string): string {
    return label(SCREENING_STATUS_LABELS, s, this.i18n.language());
  }
  protected province(code: string): string {
    return `${code} ${label(PROVINCE_LABELS, code, this.i18n.language())}`;
  }
  protected facility(code: string | null): string {
    return code ? label(FACILITY_TYPE_LABELS, code, this.i18n.language()) : '—';
  }
  protected result(item: ScreeningListItemView): string {
    return item.indicativeResult ? label(INDICATIVE_RESULT_LABELS, item.indicativeResult, this.i18n.language()) : '—';
  }
  protected assessment(item: ScreeningListItemView): string {
    return item.interviewerAssessment
      ? label(INTERVIEWER_ASSESSMENT_LABELS, item.interviewerAssessment, this.i18n.language())
      : '—';
  }
  protected when(iso: string | null): string {
    return iso ? formatDateTime(iso, this.i18n.language()) : '—';
  }
}
