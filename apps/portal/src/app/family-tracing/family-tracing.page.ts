import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { FamilyTracingRequestView } from '@ctms/domain';
import { describeErrorIn, I18n, TranslatePipe } from '@ctms/ui';
import { FamilyTracingApi } from './family-tracing-api';
import { FamilyTracingCard } from './family-tracing-card';

/** /family-tracing/:id: one request as the caller sees it (the office answers here; the lead opens the case). */
@Component({
  selector: 'app-family-tracing-page',
  imports: [RouterLink, TranslatePipe, FamilyTracingCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" data-testid="ft-page">
      <p>
        <a routerLink="/family-tracing">{{ 'ft.title' | t }}</a>
      </p>
      <div role="status" aria-live="polite">
        @if (error(); as e) {
          <p class="error">{{ e }}</p>
        } @else if (!request()) {
          {{ 'ft.loading' | t }}
        } @else if (notice()) {
          <p data-testid="ft-notice">{{ notice() }}</p>
        }
      </div>
      @if (request(); as r) {
        <app-family-tracing-card [request]="r" (changed)="changed($event)" />
      }
    </section>
  `,
})
export class FamilyTracingPage {
  private readonly api = inject(FamilyTracingApi);
  private readonly i18n = inject(I18n);
  protected readonly request = signal<FamilyTracingRequestView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(takeUntilDestroyed())
      .subscribe((p) => void this.load(p.get('id') ?? ''));
  }

  protected changed(r: FamilyTracingRequestView): void {
    this.request.set(r);
    this.notice.set(
      this.i18n.t(
        r.status === 'ANSWERED' ? 'ft.answer.done' : r.status === 'DECLINED' ? 'ft.decline.done' : 'ft.withdraw.done',
      ),
    );
  }

  private async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      this.request.set(await this.api.one(id));
    } catch (e) {
      this.error.set(describeErrorIn(this.i18n, e).message);
    }
  }
}
