import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { label, type Label } from '@ctms/domain';
import { I18n } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';
import { searchOptions, type PickOption } from './search-fold';

/** A coded list for a picker: labels by code, and optional extra names to be found by (other spellings). */
export interface PickList {
  labels: Readonly<Record<string, Label>>;
  extraKeys?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A searchable pick list with Lao and English names (Angular Material autocomplete): type a few
 * letters in either language, tap the option. `multiple` keeps the choices as chips. The value is
 * always a code (or codes); what is typed is never sent. Used for languages, countries, districts,
 * border crossings.
 */
@Component({
  selector: 'app-picker',
  imports: [MatAutocompleteModule, MatChipsModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic" class="picker">
      <mat-label>{{ label() }}</mat-label>
      @if (multiple()) {
        <mat-chip-grid #grid [attr.aria-label]="label()">
          @for (c of codes(); track c) {
            <mat-chip-row (removed)="remove(c)" [attr.data-testid]="testId() + '-chip-' + c">
              {{ name(c) }}
              <button
                matChipRemove
                type="button"
                [attr.aria-label]="'picker.remove' | t: { name: name(c) }"
                [attr.data-testid]="testId() + '-remove-' + c"
              >
                ✕
              </button>
            </mat-chip-row>
          }
          <input
            #box
            [id]="fieldId()"
            [matChipInputFor]="grid"
            [matAutocomplete]="auto"
            [value]="query()"
            (input)="query.set(box.value)"
            autocomplete="off"
            [attr.aria-invalid]="!!error()"
            [attr.data-testid]="testId()"
          />
        </mat-chip-grid>
      } @else {
        <input
          matInput
          #box
          [id]="fieldId()"
          [matAutocomplete]="auto"
          [value]="editing() ? query() : name(single())"
          (focus)="startEditing()"
          (input)="typed(box.value)"
          (blur)="stopEditing(box.value)"
          autocomplete="off"
          [attr.aria-invalid]="!!error()"
          [attr.data-testid]="testId()"
        />
      }
      <mat-autocomplete
        #auto="matAutocomplete"
        [autoActiveFirstOption]="true"
        [displayWith]="display"
        (optionSelected)="pick($event.option.value)"
      >
        @for (o of found(); track o.code) {
          <mat-option [value]="o.code" [attr.data-testid]="testId() + '-opt-' + o.code">{{ o.text }}</mat-option>
        } @empty {
          <mat-option disabled>{{ 'picker.none' | t }}</mat-option>
        }
      </mat-autocomplete>
      @if (error(); as e) {
        <mat-hint class="err" [attr.data-testid]="testId() + '-error'">{{ e }}</mat-hint>
      } @else {
        <mat-hint>{{ 'picker.hint' | t }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    .picker {
      width: 100%;
    }
    .err {
      color: var(--mat-sys-error);
    }
  `,
})
export class Picker {
  private readonly i18n = inject(I18n);

  readonly label = input.required<string>();
  readonly list = input.required<PickList>();
  /** a code, or codes when `multiple` */
  readonly value = input<unknown>(null);
  readonly multiple = input(false);
  readonly fieldId = input.required<string>();
  readonly testId = input.required<string>();
  readonly error = input<string | null>(null);
  /** the code chosen (null: cleared), or all codes when `multiple` */
  readonly changed = output<string | string[] | null>();

  protected readonly query = signal('');
  private readonly box = viewChild<ElementRef<HTMLInputElement>>('box');
  protected readonly editing = signal(false);

  private readonly options = computed<PickOption[]>(() => {
    const { labels, extraKeys } = this.list();
    const lang = this.i18n.language();
    return Object.keys(labels).map((code) => {
      const l = labels[code];
      return { code, text: label(labels, code, lang), keys: [l.lo, l.en, code, ...(extraKeys?.[code] ?? [])] };
    });
  });

  protected readonly codes = computed<string[]>(() => {
    const v = this.value();
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  });

  protected readonly single = computed<string | null>(() => {
    const v = this.value();
    return typeof v === 'string' ? v : null;
  });

  protected readonly found = computed(() => {
    const chosen = new Set(this.codes());
    const q = this.query();
    // the box still showing the chosen name lists everything: the user has not typed yet
    const typed = !this.multiple() && !this.userTyped ? '' : q;
    return searchOptions(
      this.options().filter((o) => !chosen.has(o.code)),
      typed,
    );
  });

  /** what the autocomplete writes into the box for a chosen code: its name, never the code */
  protected readonly display = (code: unknown): string =>
    this.multiple() || typeof code !== 'string' ? '' : this.name(code);

  protected name(code: string | null): string {
    if (code === null) return '';
    return label(this.list().labels, code, this.i18n.language());
  }

  /** the user typed since the box was focused or an option picked */
  private userTyped = false;

  protected typed(text: string): void {
    this.userTyped = true;
    this.query.set(text);
  }

  protected startEditing(): void {
    // the autocomplete focuses the box again after a choice: keep what the box shows
    this.userTyped = false;
    this.query.set(this.box()?.nativeElement.value ?? this.name(this.single()));
    this.editing.set(true);
  }

  protected stopEditing(typed: string): void {
    this.editing.set(false);
    // a box the user emptied clears the choice; anything else typed and not picked is dropped
    if (this.userTyped && typed.trim() === '' && this.single() !== null) this.changed.emit(null);
    this.userTyped = false;
  }

  protected pick(code: string): void {
    this.userTyped = false;
    this.query.set(this.multiple() ? '' : this.name(code));
    const box = this.box()?.nativeElement;
    if (box) box.value = this.multiple() ? '' : this.name(code);
    if (this.multiple()) this.changed.emit([...this.codes(), code]);
    else {
      this.editing.set(false);
      this.changed.emit(code);
    }
  }

  protected remove(code: string): void {
    this.changed.emit(this.codes().filter((c) => c !== code));
  }
}
