import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/translate.pipe';

/** Which side of an exchange between agencies a box shows; null: both. */
export type InboxBox = 'incoming' | 'outgoing' | null;

/** The words of the boxes where a list names them its own way (else: all, incoming, outgoing). */
export type InboxBoxWords = Partial<Record<'all' | 'incoming' | 'outgoing', string>>;

/**
 * The boxes of an inbox as tabs: links to the list's route with `?box=`, the current one marked with
 * `aria-current="page"`; the test id of each is `<tabTestId><box>` (`all` for both).
 */
@Component({
  selector: 'app-inbox-tabs',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .tabs {
      display: flex;
      gap: 8px;
      margin: 8px 0 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .tabs a {
      padding: 8px 16px;
      text-decoration: none;
      color: inherit;
      border-bottom: 3px solid transparent;
    }
    .tabs a[aria-current='page'] {
      border-bottom-color: var(--mat-sys-primary);
      font-weight: 600;
    }
  `,
  template: `
    <nav class="tabs" [attr.aria-label]="label()">
      @for (b of boxes(); track b) {
        <a
          [routerLink]="path()"
          [queryParams]="b ? { box: b } : {}"
          [attr.aria-current]="box() === b ? 'page' : null"
          [attr.data-testid]="tabTestId() + (b ?? 'all')"
          >{{
            words()[b ?? 'all'] ??
              ((b === 'incoming' ? 'list.incoming' : b === 'outgoing' ? 'list.outgoing' : 'list.all') | t)
          }}</a
        >
      }
    </nav>
  `,
})
export class InboxTabs {
  /** the list's route, for the tabs' links */
  readonly path = input.required<string>();
  readonly boxes = input.required<readonly InboxBox[]>();
  readonly box = input.required<InboxBox>();
  /** the accessible name of the tabs */
  readonly label = input.required<string>();
  readonly words = input<InboxBoxWords>({});
  readonly tabTestId = input('box-');
}
