import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { AuthService } from '../core/auth/auth.service';
import { UnreadCount } from '../core/layout/unread-count';
import { kindKey, notificationLink } from './notification-links';
import { NotificationsApi } from './notifications-api';
import type { NotificationView } from '@ctms/domain';
import { formatDateTime, I18n, TranslatePipe } from '@ctms/ui';

/**
 * The signed-in user's notifications, newest first: what happened (in words), the case number,
 * when, a link to the object where the portal has a page for it, and "mark read". They carry no
 * personal data (the API stores kinds, ids and case numbers only).
 */
@Component({
  selector: 'app-notifications-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" data-testid="notifications-page">
      <h1 class="page-title">{{ 'notif.title' | t }}</h1>
      <p>{{ 'notif.intro' | t }}</p>
      <div class="bar">
        <p class="unread" role="status" data-testid="notifications-unread">
          {{ 'notif.unreadCount' | t: { count: unreadCount() } }}
        </p>
        <div class="filter" role="group" [attr.aria-label]="'notif.filter' | t">
          <button
            mat-stroked-button
            type="button"
            [attr.aria-pressed]="!onlyUnread()"
            (click)="show(false)"
            data-testid="notifications-all"
          >
            {{ 'notif.all' | t }}
          </button>
          <button
            mat-stroked-button
            type="button"
            [attr.aria-pressed]="onlyUnread()"
            (click)="show(true)"
            data-testid="notifications-only-unread"
          >
            {{ 'notif.onlyUnread' | t }}
          </button>
        </div>
        @if (unreadCount() > 0) {
          <button
            mat-flat-button
            type="button"
            (click)="markAllRead()"
            [disabled]="busy() !== null"
            data-testid="notifications-mark-all-read"
          >
            {{ 'notif.markAllRead' | t }}
          </button>
        }
      </div>

      @if (failed()) {
        <p class="error" role="alert">{{ 'notif.failed' | t }}</p>
      }
      @if (markFailed()) {
        <p class="error" role="alert">{{ 'notif.markFailed' | t }}</p>
      }

      @if (loaded() && items().length === 0 && !failed()) {
        <p data-testid="notifications-empty">{{ 'notif.empty' | t }}</p>
      }

      <ul class="list" data-testid="notifications-list">
        @for (n of items(); track n.id) {
          <li
            class="item"
            [class.is-unread]="!n.readAt"
            [id]="'notif-' + n.id"
            tabindex="-1"
            data-testid="notification"
            [attr.data-read]="n.readAt ? 'yes' : 'no'"
          >
            <div class="what">
              <span class="state">{{ (n.readAt ? 'notif.read' : 'notif.unread') | t }}</span>
              <strong class="kind">{{ kindOf(n) | t }}</strong>
              @if (n.caseNumber) {
                <span class="case">{{ 'notif.case' | t: { caseNumber: n.caseNumber } }}</span>
              }
              @if (n.count) {
                <span class="case" data-testid="notification-count">{{ 'notif.count' | t: { count: n.count } }}</span>
              }
              <span class="at">{{ when(n.createdAt) }}</span>
            </div>
            <div class="actions">
              @if (linkOf(n); as link) {
                <a mat-button [routerLink]="link" (click)="opened(n)" data-testid="notification-open"
                  >{{ 'notif.open' | t }}<span class="visually-hidden">: {{ kindOf(n) | t }}</span></a
                >
              }
              @if (!n.readAt) {
                <button
                  mat-stroked-button
                  type="button"
                  (click)="markRead(n)"
                  [disabled]="busy() === n.id"
                  [attr.aria-label]="'notif.markReadOf' | t: { what: describe(n) }"
                  data-testid="notification-mark-read"
                >
                  {{ 'notif.markRead' | t }}
                </button>
              }
            </div>
          </li>
        }
      </ul>

      @if (cursor()) {
        <button mat-stroked-button type="button" (click)="load(false)" data-testid="notifications-more">
          {{ 'notif.loadMore' | t }}
        </button>
      }
    </section>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .unread {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .filter {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .filter [aria-pressed='true'] {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .list {
      list-style: none;
      padding: 0;
      margin: 16px 0;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 12px;
      border-top: 1px solid var(--mat-sys-outline-variant);
      outline-offset: -3px;
    }
    .item.is-unread {
      background: var(--mat-sys-surface-container);
      border-left: 4px solid var(--mat-sys-primary);
    }
    .what {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .state,
    .at {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class NotificationsPage {
  private readonly api = inject(NotificationsApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly unread = inject(UnreadCount);
  private readonly document = inject(DOCUMENT);

  protected readonly items = signal<NotificationView[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly onlyUnread = signal(false);
  protected readonly loaded = signal(false);
  protected readonly failed = signal(false);
  protected readonly markFailed = signal(false);
  protected readonly busy = signal<string | null>(null);
  protected readonly unreadCount = computed(() => this.unread.count() ?? 0);

  constructor() {
    void this.load(true);
  }

  protected show(onlyUnread: boolean): void {
    if (this.onlyUnread() === onlyUnread) return;
    this.onlyUnread.set(onlyUnread);
    void this.load(true);
  }

  protected async load(reset: boolean): Promise<void> {
    try {
      const page = await this.api.list(this.onlyUnread(), reset ? null : this.cursor());
      this.items.set(reset ? page.items : [...this.items(), ...page.items]);
      this.cursor.set(page.nextCursor);
      this.unread.set(page.unreadCount);
      this.failed.set(false);
    } catch {
      this.failed.set(true);
    } finally {
      this.loaded.set(true);
    }
  }

  protected markRead(n: NotificationView): Promise<void> {
    return this.mark(n.id, async () => {
      const r = await this.api.markRead(n.id);
      this.items.update((list) => list.map((x) => (x.id === n.id ? { ...x, readAt: r.readAt } : x)));
      this.unread.set(Math.max(0, (this.unread.count() ?? 1) - 1));
      void this.unread.refresh();
      // the button is gone: keep the keyboard on the same notification
      setTimeout(() => this.document.getElementById(`notif-${n.id}`)?.focus());
    });
  }

  /** Marks all of the user's unread notifications read at once; the list and the badge follow. */
  protected markAllRead(): Promise<void> {
    return this.mark('*', async () => {
      await this.api.markAllRead();
      const now = new Date().toISOString();
      this.items.update((list) => (this.onlyUnread() ? [] : list.map((x) => (x.readAt ? x : { ...x, readAt: now }))));
      this.unread.set(0);
      void this.unread.refresh();
    });
  }

  /** One marking at a time: `busy` names it (a notification's id, or '*' for all); a failure says so. */
  private async mark(what: string, fn: () => Promise<void>): Promise<void> {
    this.busy.set(what);
    this.markFailed.set(false);
    try {
      await fn();
    } catch {
      this.markFailed.set(true);
    } finally {
      this.busy.set(null);
    }
  }

  /** Opening an unread notification also marks it read (the count follows on the next page). */
  protected opened(n: NotificationView): void {
    if (!n.readAt)
      void this.api.markRead(n.id).then(
        () => this.unread.refresh(),
        () => undefined,
      );
  }

  protected kindOf(n: NotificationView) {
    return kindKey(n.kind);
  }

  protected linkOf(n: NotificationView): string[] | null {
    return notificationLink(n.objectType, n.objectId, this.auth.permissions());
  }

  protected when(iso: string): string {
    return formatDateTime(iso, this.i18n.language());
  }

  protected describe(n: NotificationView): string {
    const kind = this.i18n.t(kindKey(n.kind));
    return n.caseNumber ? `${kind}, ${this.i18n.t('notif.case', { caseNumber: n.caseNumber })}` : kind;
  }
}
