import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  computed,
  inject,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map, skip } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { LanguageSwitch } from '../i18n/language-switch';
import { NAV_ITEMS, visibleNavItems } from './nav';
import { UnreadCount } from './unread-count';
import { I18n, Icon, TranslatePipe } from '@ctms/ui';

/** Phones and small tablets get an overlay menu; wider screens keep it beside the content. */
export const HANDSET_QUERY = '(max-width: 959.98px)';

@Component({
  selector: 'app-shell',
  imports: [
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    Icon,
    LanguageSwitch,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe(HANDSET_QUERY)
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly user = this.auth.user;
  protected readonly items = computed(() => visibleNavItems(NAV_ITEMS, this.auth.permissions()));
  protected readonly canReadNotifications = computed(() => this.auth.permissions().has('notification:read'));
  protected readonly unread = inject(UnreadCount).count;
  protected readonly notificationsLabel = computed(() => {
    const n = this.unread();
    const name = this.i18n.t('shell.notifications');
    return n ? `${name}: ${this.i18n.t('shell.unread', { count: n })}` : name;
  });
  protected readonly agencyName = computed(() => {
    const agency = this.user()?.agency;
    return agency ? this.i18n.pick(agency.nameLo, agency.nameEn) : '';
  });

  constructor() {
    inject(UnreadCount).watch(inject(DestroyRef));
    // After moving to another page, keyboard and screen-reader users continue from its content,
    // not from the link they left behind (the first navigation is the one that built the shell).
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => setTimeout(() => this.main().nativeElement.focus({ preventScroll: true })));
  }

  protected focusMain(): void {
    this.main().nativeElement.focus();
  }

  protected logout(): Promise<void> {
    return this.auth.logout();
  }
}
