import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../core/auth/auth.service';
import { DraftStore } from './draft-store';
import { ScreeningsApi } from './screenings.api';
import { TranslatePipe } from '@ctms/ui';

const LIMIT = 100;

/**
 * Home page cards: "my drafts" for whoever interviews, "awaiting my review" for a supervisor.
 * Injecting DraftStore here also starts its watch on the session, so that a sign-out wipes any
 * unsaved screening edits kept on this device even if no screening was opened in this visit.
 */
@Component({
  selector: 'app-screening-cards',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (drafts() !== null || review() !== null) {
      <ul class="cards">
        @if (drafts(); as n) {
          <li>
            <a class="card" routerLink="/screenings" data-testid="card-my-drafts">
              <span class="count">{{ n }}</span> {{ 'home.myDrafts' | t }}
            </a>
          </li>
        }
        @if (review(); as n) {
          <li>
            <a
              class="card"
              routerLink="/screenings"
              [queryParams]="{ status: 'SUBMITTED' }"
              data-testid="card-awaiting-review"
            >
              <span class="count">{{ n }}</span> {{ 'home.awaitingReview' | t }}
            </a>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .cards {
      list-style: none;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin: 16px 0;
    }
    .card {
      display: block;
      min-width: 200px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      color: inherit;
      text-decoration: none;
      background: var(--mat-sys-surface-container-low);
    }
    .count {
      display: block;
      font: var(--mat-sys-headline-small);
      color: var(--mat-sys-primary);
    }
  `,
})
export class ScreeningCards {
  private readonly api = inject(ScreeningsApi);
  private readonly auth = inject(AuthService);

  protected readonly drafts = signal<string | null>(null);
  protected readonly review = signal<string | null>(null);

  constructor() {
    inject(DraftStore);
    if (this.auth.can('screening:create')) void this.count('DRAFT', true).then((n) => this.drafts.set(n));
    if (this.auth.can('screening:review')) void this.count('SUBMITTED', false).then((n) => this.review.set(n));
  }

  /** Up to 100 counted exactly; beyond that "100+". Awaiting review leaves out the reviewer's own interviews. */
  private async count(status: string, mine: boolean): Promise<string | null> {
    try {
      const page = await this.api.list({ status, mine, limit: LIMIT });
      const me = this.auth.user()?.id;
      const n = mine ? page.items.length : page.items.filter((i) => i.interviewer.id !== me).length;
      return page.nextCursor ? `${n}+` : String(n);
    } catch {
      return null;
    }
  }
}
