import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  model,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '../i18n/translate.pipe';

/** Whether the confirmation asks for a reason (the audit trail's), may take one, or takes none. */
export type ConfirmReason = 'required' | 'optional' | 'none';

/** The data-testid of each part; any left out is `testId` with a suffix (see `ConfirmAction`). */
export interface ConfirmTestIds {
  trigger?: string;
  form?: string;
  body?: string;
  reason?: string;
  confirm?: string;
  cancel?: string;
}

let nextId = 0;

/**
 * The one way to confirm an action that cannot be taken back (withdraw, merge, disable, cancel,
 * reopen): a button that opens, in place, what will happen, an optional reason and the confirm and
 * cancel buttons. `run(reason)` does the work; the confirmation closes when it answers a truthy value
 * (the saved record, `true`); a refusal (`false`, `null`) leaves it open with what was typed. Keyboard and screen
 * readers: the opened part is a form named by its title and described by its message, focus moves
 * to the reason (or the confirm button) and back to the button on cancel, Escape cancels.
 *
 * Without a `label` there is no button and the confirmation shows as long as the parent keeps it
 * (a dialog's step, a row action confirmed elsewhere on the page): `(cancelled)` tells the parent
 * to close what holds it, and the parent closes it itself when the action succeeded. Extra fields
 * go inside the element and are shown between the message and the reason.
 *
 * Test ids from `testId`: the button `<testId>`, the form `<testId>-form`, the message
 * `<testId>-body`, the reason `<testId>-reason`, the buttons `<testId>-submit` and
 * `<testId>-cancel`; `testIds` overrides any of them.
 */
@Component({
  selector: 'app-confirm-action',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    :host {
      display: block;
    }
    .confirm {
      border-inline-start: 4px solid var(--mat-sys-error);
      padding-inline-start: 12px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
  template: `
    @if (shown()) {
      <form
        #form
        class="form confirm"
        [attr.aria-labelledby]="title() ? ids.title : null"
        [attr.aria-label]="title() ? null : confirmText()"
        [attr.aria-describedby]="message() ? ids.body : null"
        [attr.data-testid]="testIdOf('form')"
        (ngSubmit)="confirm()"
        (keydown.escape)="escape($event)"
      >
        @if (title()) {
          <h3 class="sub" [id]="ids.title">{{ title() }}</h3>
        }
        @if (message()) {
          <p [id]="ids.body" [attr.data-testid]="testIdOf('body')">{{ message() }}</p>
        }
        <ng-content />
        @if (reason() !== 'none') {
          <mat-form-field>
            <mat-label>{{ reasonLabel() || ('confirm.reason' | t) }}</mat-label>
            <textarea
              matInput
              name="reason"
              rows="2"
              [required]="reason() === 'required'"
              [attr.minlength]="reason() === 'required' ? minLength() : null"
              [attr.aria-describedby]="reasonHint() ? ids.hint : null"
              [ngModel]="text()"
              (ngModelChange)="text.set($event)"
              [attr.data-testid]="testIdOf('reason')"
            ></textarea>
            @if (reasonHint()) {
              <mat-hint [id]="ids.hint">{{ reasonHint() }}</mat-hint>
            }
          </mat-form-field>
        }
        <div class="actions">
          <button
            mat-flat-button
            type="submit"
            [attr.data-testid]="testIdOf('confirm')"
            [disabled]="busy() || running() || !ready()"
          >
            {{ confirmText() }}
          </button>
          <button mat-button type="button" [attr.data-testid]="testIdOf('cancel')" (click)="cancel()">
            {{ 'confirm.cancel' | t }}
          </button>
        </div>
      </form>
    } @else if (label()) {
      <button
        #trigger
        mat-stroked-button
        type="button"
        [attr.data-testid]="testIdOf('trigger')"
        [disabled]="disabled() || busy()"
        (click)="show()"
      >
        {{ label() }}
        @if (detail()) {
          <span class="visually-hidden">: {{ detail() }}</span>
        }
      </button>
    }
  `,
})
export class ConfirmAction {
  private readonly injector = inject(Injector);
  private destroyed = false;

  /** the button that opens the confirmation; empty: no button, the parent opens it */
  readonly label = input('');
  /** words only a screen reader hears after the label (which row of a list the button acts on) */
  readonly detail = input('');
  /** the confirmation's heading */
  readonly title = input('');
  /** what will happen, in plain words */
  readonly message = input('');
  /** the confirm button (the label when empty) */
  readonly confirmLabel = input('');
  readonly reason = input<ConfirmReason>('required');
  readonly reasonLabel = input('');
  readonly reasonHint = input('');
  /** the shortest reason taken when one is required */
  readonly minLength = input(3);
  /** the parent is busy (a write in flight): nothing can be pressed */
  readonly busy = input(false);
  readonly disabled = input(false);
  /** the parent's own condition on the extra fields inside the element */
  readonly allowed = input(true);
  readonly testId = input('confirm');
  readonly testIds = input<ConfirmTestIds>({});
  /** the action, given the trimmed reason; the confirmation closes when it answers a truthy value */
  readonly run = input.required<(reason: string) => Promise<unknown>>();
  readonly open = model(false);
  /** Cancel or Escape (the parent of a confirmation without a button closes what holds it) */
  readonly cancelled = output<void>();

  /** open by its button, or always when it has none (a dialog's or a pending action's own step) */
  protected readonly shown = computed(() => this.open() || !this.label());
  protected readonly text = signal('');
  protected readonly running = signal(false);
  protected readonly ids = {
    title: `confirm-title-${nextId}`,
    body: `confirm-body-${nextId}`,
    hint: `confirm-hint-${nextId++}`,
  };
  private readonly form = viewChild<ElementRef<HTMLFormElement>>('form');
  private readonly trigger = viewChild<string, ElementRef<HTMLButtonElement>>('trigger', { read: ElementRef });

  protected readonly confirmText = computed(() => this.confirmLabel() || this.label());
  protected readonly ready = computed(() => {
    if (!this.allowed()) return false;
    const n = this.text().trim().length;
    return this.reason() !== 'required' || n >= Math.max(1, this.minLength());
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
    // opened (by its button or by the parent): an empty reason, and the focus in it
    effect(() => {
      if (!this.shown()) return;
      untracked(() => {
        this.text.set('');
        afterNextRender(() => this.firstField()?.focus(), { injector: this.injector });
      });
    });
  }

  protected testIdOf(part: keyof ConfirmTestIds): string {
    const own = this.testIds()[part];
    if (own) return own;
    if (part === 'trigger') return this.testId();
    return `${this.testId()}-${part === 'confirm' ? 'submit' : part}`;
  }

  /** The first field of the opened form (an extra field, else the reason), else the confirm button. */
  private firstField(): HTMLElement | null {
    const form = this.form()?.nativeElement;
    return (
      form?.querySelector<HTMLElement>(
        'input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex="0"]',
      ) ??
      form?.querySelector<HTMLElement>('button[type="submit"]') ??
      null
    );
  }

  /** Opens the confirmation. */
  show(): void {
    this.open.set(true);
  }

  protected cancel(): void {
    this.close();
    this.cancelled.emit();
  }

  /**
   * Escape cancels once the key has gone everywhere: an Escape that a field inside used (closing a
   * select's list, which the overlay does at the document) leaves the confirmation open.
   */
  protected escape(event: Event): void {
    setTimeout(() => {
      if (!event.defaultPrevented && !this.destroyed && this.shown()) this.cancel();
    });
  }

  protected async confirm(): Promise<void> {
    if (!this.ready() || this.running() || this.busy()) return;
    this.running.set(true);
    try {
      if (await this.run()(this.text().trim())) this.close();
    } finally {
      this.running.set(false);
    }
  }

  /** Closes the confirmation and gives the focus back to its button (when it has one). */
  private close(): void {
    this.open.set(false);
    this.text.set('');
    afterNextRender(() => this.trigger()?.nativeElement.focus(), { injector: this.injector });
  }
}
