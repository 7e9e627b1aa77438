import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  effect,
  inject,
  input,
  model,
  viewChild,
  type ElementRef,
} from '@angular/core';
import { FormControl, FormsModule, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TranslationKey } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';

/** What a password field is: declared once per field in the page. */
export interface PasswordSpec {
  /** the input's name, for template forms */
  name?: string;
  label: TranslationKey;
  /** also names the message under the field: `<testid>-error` */
  testid: string;
  /** 'new-password' where the user chooses one (password managers offer to generate and save it) */
  autocomplete?: 'current-password' | 'new-password';
  /** the id of the hint the input is described by */
  describedBy?: string;
  /** the Material error of an invalid (empty) reactive field */
  invalidText?: TranslationKey;
  /** a one-time code of this many digits instead of a password: shown, numeric keyboard, the app's code offered */
  digits?: number;
}

/**
 * A password input in a Material field, with the message under it: the one way the portal asks
 * for a password (sign-in, activation, the profile), or for the one-time code of an authenticator
 * app (`digits`). Bind either `[(value)]` (template forms) or
 * `[control]` (reactive forms: an empty field shows `requiredText` as a Material error once
 * touched). `look`: 'page' inside the portal (a filled field, the message in red under it), 'card'
 * on the sign-in card (an outlined full-width field, the message in an alert box).
 */
@Component({
  selector: 'app-password-field',
  imports: [FormsModule, ReactiveFormsModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = spec();
    <mat-form-field [appearance]="look() === 'card' ? 'outline' : 'fill'" [class.card]="look() === 'card'">
      <mat-label>{{ f.label | t }}</mat-label>
      @if (control(); as c) {
        <input
          #input
          matInput
          type="password"
          [formControl]="c"
          [autocomplete]="f.autocomplete ?? 'current-password'"
          required
          [attr.aria-describedby]="f.describedBy ?? null"
          [attr.data-testid]="f.testid"
        />
        @if (c.invalid && f.invalidText) {
          <mat-error>{{ f.invalidText | t }}</mat-error>
        }
      } @else {
        <input
          #input
          matInput
          [type]="f.digits ? 'text' : 'password'"
          [name]="f.name ?? 'password'"
          [autocomplete]="f.digits ? 'one-time-code' : (f.autocomplete ?? 'current-password')"
          [attr.inputmode]="f.digits ? 'numeric' : null"
          [attr.spellcheck]="f.digits ? false : null"
          [attr.lang]="f.digits ? 'en' : null"
          [maxlength]="f.digits ?? null"
          required
          [attr.aria-describedby]="f.describedBy ?? null"
          [ngModel]="value()"
          (ngModelChange)="value.set($event)"
          [attr.data-testid]="f.testid"
        />
      }
    </mat-form-field>
    @if (error(); as e) {
      <p [class]="look() === 'card' ? 'alert' : 'error'" [attr.data-testid]="f.testid + '-error'">{{ e }}</p>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .card {
      width: 100%;
    }
    .error {
      color: var(--mat-sys-error);
      margin: -12px 0 12px;
    }
    .alert {
      padding: 12px 16px;
      border-radius: 8px;
      margin: 0 0 16px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class PasswordField {
  readonly spec = input.required<PasswordSpec>();
  readonly look = input<'page' | 'card'>('page');
  readonly value = model('');
  readonly control = input<FormControl<string> | null>(null);
  /** the message under the field (a refusal of this field), or null */
  readonly error = input<string | null | undefined>(null);
  private readonly input = viewChild<ElementRef<HTMLInputElement>>('input');

  constructor() {
    // a reactive control is touched or reset by its form (a submit): show its error state then
    const cdr = inject(ChangeDetectorRef);
    effect((onCleanup) => {
      const sub = this.control()?.events.subscribe(() => cdr.markForCheck());
      onCleanup(() => sub?.unsubscribe());
    });
  }

  /** Puts the keyboard in the field (the next step of a sign-in opens on it). */
  focus(): void {
    this.input()?.nativeElement.focus();
  }
}
