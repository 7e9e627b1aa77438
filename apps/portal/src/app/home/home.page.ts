import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { AuthService } from '../core/auth/auth.service';
import { NAV_ITEMS, visibleNavItems } from '../core/layout/nav';
import { ScreeningCards } from '../screenings/screening-cards';
import { DashboardCards } from './dashboard-cards';
import { MyDay } from './my-day';
import { I18n, TranslatePipe } from '@ctms/ui';

@Component({
  selector: 'app-home-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, ScreeningCards, DashboardCards, MyDay],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1 class="page-title" data-testid="home-greeting">{{ 'home.greeting' | t: { name: name() } }}</h1>
      <p>{{ 'home.agency' | t: { agency: agency() } }}</p>
      <p>{{ 'home.intro' | t }}</p>
      <app-my-day />
      <app-screening-cards />
      <app-dashboard-cards />
      <ul class="links">
        @for (item of shortcuts(); track item.path) {
          <li>
            <a mat-stroked-button [routerLink]="'/' + item.path">{{ item.labelKey | t }}</a>
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    .links {
      list-style: none;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class HomePage {
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);

  protected readonly name = computed(() => this.auth.user()?.displayName ?? '');
  protected readonly agency = computed(() => {
    const a = this.auth.user()?.agency;
    return a ? this.i18n.pick(a.nameLo, a.nameEn) : '';
  });
  protected readonly shortcuts = computed(() =>
    visibleNavItems(NAV_ITEMS, this.auth.permissions()).filter((item) => item.path !== ''),
  );
}
