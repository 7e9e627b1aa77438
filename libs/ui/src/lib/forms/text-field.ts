import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TranslationKey } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';

/** What a one-line text field is: declared once per field in the page, beside its draft. */
export interface FieldSpec {
  /** the input's name (and the API's field of its refusal) */
  name: string;
  label: TranslationKey;
  hint?: TranslationKey;
  testid?: string;
  type?: 'text' | 'email';
  lang?: 'lo' | 'en';
  required?: boolean;
  minlength?: number;
  /** 'off' for what a browser should not fill in (usernames, codes, names of others) */
  autocomplete?: 'off';
  /** false for codes, usernames and e-mail addresses */
  spellcheck?: false;
}

/**
 * A one-line text input in a Material field: its label, an optional hint, and the API's message for
 * the field under it (from the page's `errors` by the spec's name). `fixed` shows the value as text instead (an identifier that cannot change once
 * made, such as a username or an agency code). Bind `[(value)]`.
 */
@Component({
  selector: 'app-text-field',
  imports: [FormsModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = spec();
    @if (fixed()) {
      <p>
        <strong>{{ f.label | t }}:</strong> {{ value() }}
      </p>
    } @else {
      <mat-form-field>
        <mat-label>{{ f.label | t }}</mat-label>
        <input
          matInput
          [type]="f.type ?? 'text'"
          [name]="f.name"
          [required]="isRequired()"
          [minlength]="f.minlength ?? null"
          [attr.autocomplete]="f.autocomplete ?? null"
          [attr.spellcheck]="f.spellcheck ?? null"
          [attr.lang]="f.lang ?? null"
          [ngModel]="value()"
          (ngModelChange)="value.set($event)"
          [attr.data-testid]="f.testid ?? null"
        />
        @if (f.hint) {
          <mat-hint>{{ f.hint | t }}</mat-hint>
        }
      </mat-form-field>
      @if (errors()[f.name]; as e) {
        <p class="error">{{ e }}</p>
      }
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class TextField {
  readonly spec = input.required<FieldSpec>();
  readonly value = model('');
  /** overrides the spec's `required` (a field required only when creating) */
  readonly required = input<boolean | undefined>(undefined);
  /** the page's messages by field name (the API's refusals): this field's shows under it */
  readonly errors = input<Readonly<Record<string, string>>>({});
  /** show the value as text, not as an input */
  readonly fixed = input(false);
  protected readonly isRequired = computed(() => this.required() ?? this.spec().required ?? false);
}
