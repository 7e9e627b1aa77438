import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';
import { partsFrom, readParts, type DateParts, type DateRead } from './lao-dates';

/**
 * A date as day / month / year boxes in Lao order (GOV.UK's date pattern), with a 24-hour time when
 * asked: the same on every device, never the browser's date control. `partial` lets a birth date be
 * a year or a month and year, with its precision. The day box carries `fieldId` so that an error
 * summary can focus it. Two digits in the day or month move on to the next box.
 */
@Component({
  selector: 'app-date-input',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset
      class="date"
      [class.invalid]="!!error()"
      [attr.aria-describedby]="error() ? fieldId() + '-error' : hintId()"
    >
      <legend>{{ label() }}</legend>
      @if (partial()) {
        <p class="hint" [id]="hintId()">{{ 'date.partialHint' | t }}</p>
      }
      <div class="boxes">
        <label class="box"
          ><span>{{ 'date.day' | t }}</span>
          <input
            #d
            [id]="fieldId()"
            class="n2"
            inputmode="numeric"
            maxlength="2"
            autocomplete="off"
            [value]="parts().day"
            (input)="type('day', d)"
            [attr.data-testid]="testId() + '-day'"
            [attr.aria-invalid]="!!error()"
          />
        </label>
        <label class="box"
          ><span>{{ 'date.month' | t }}</span>
          <input
            #m
            class="n2"
            inputmode="numeric"
            maxlength="2"
            autocomplete="off"
            [value]="parts().month"
            (input)="type('month', m)"
            [attr.data-testid]="testId() + '-month'"
            [attr.aria-invalid]="!!error()"
          />
        </label>
        <label class="box"
          ><span>{{ 'date.year' | t }}</span>
          <input
            #y
            class="n4"
            inputmode="numeric"
            maxlength="4"
            autocomplete="off"
            [value]="parts().year"
            (input)="type('year', y)"
            [attr.data-testid]="testId() + '-year'"
            [attr.aria-invalid]="!!error()"
          />
        </label>
        @if (withTime()) {
          <label class="box"
            ><span>{{ 'date.time' | t }}</span>
            <input
              #t
              class="n5"
              inputmode="numeric"
              maxlength="5"
              placeholder="14:30"
              autocomplete="off"
              [value]="parts().time"
              (input)="type('time', t)"
              [attr.data-testid]="testId() + '-time'"
              [attr.aria-invalid]="!!error()"
            />
          </label>
        }
      </div>
      @if (error(); as e) {
        <p class="err" [id]="fieldId() + '-error'" [attr.data-testid]="testId() + '-error'">{{ e }}</p>
      }
    </fieldset>
  `,
  styles: `
    .date {
      border: 0;
      margin: 0 0 8px;
      padding: 0;
      min-width: 0;
    }
    legend {
      font: var(--mat-sys-body-large);
      padding: 0;
      margin-bottom: 4px;
    }
    .hint {
      margin: 0 0 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .boxes {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
    }
    .box {
      display: flex;
      flex-direction: column;
      font: var(--mat-sys-body-small);
    }
    input {
      font: var(--mat-sys-body-large);
      padding: 10px 8px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
    }
    input:focus {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: 0;
    }
    .n2 {
      width: 3.2em;
    }
    .n4 {
      width: 4.6em;
    }
    .n5 {
      width: 4.6em;
    }
    .invalid input {
      border: 2px solid var(--mat-sys-error);
    }
    .err {
      color: var(--mat-sys-error);
      margin: 4px 0 0;
    }
  `,
})
export class DateInput {
  protected readonly i18n = inject(I18n);

  readonly label = input.required<string>();
  /** YYYY-MM-DD, or an ISO instant when `withTime` */
  readonly value = input<unknown>(null);
  readonly precision = input<unknown>(null);
  readonly partial = input(false);
  readonly withTime = input(false);
  /** a date still to come is fine (a due date); by default a date is one that has happened */
  readonly future = input(false);
  readonly fieldId = input.required<string>();
  readonly testId = input.required<string>();
  /** the words of a problem to show under the boxes (from this input's own reading, or the server) */
  readonly error = input<string | null>(null);
  readonly changed = output<DateRead>();

  protected readonly parts = signal<DateParts>({ day: '', month: '', year: '', time: '' });
  private last: string | null = null;

  constructor() {
    // a value set from outside (load, restore, another device) replaces what is shown; our own edits do not
    effect(() => {
      const v = this.value();
      const p = this.precision();
      const key = `${String(v)}|${String(p)}`;
      if (key === this.last) return;
      this.last = key;
      this.parts.set(partsFrom(v, p));
    });
  }

  protected hintId(): string {
    return `${this.fieldId()}-hint`;
  }

  protected type(part: keyof DateParts, el: HTMLInputElement): void {
    const raw = el.value;
    const boxes = Array.from(el.closest('.boxes')?.querySelectorAll('input') ?? []);
    const next = boxes[boxes.indexOf(el) + 1] ?? null;
    const parts = { ...this.parts(), [part]: raw };
    this.parts.set(parts);
    const read = readParts(parts, {
      partial: this.partial(),
      withTime: this.withTime(),
      ...(this.future() ? { today: '9999-12-31' } : {}),
    });
    // what the parent will pass back for this edit: then the effect above leaves the boxes alone
    const precision = read.value && this.partial() ? read.precision : this.precision();
    this.last =
      read.value || !read.problem
        ? `${String(read.value ?? undefined)}|${String(read.value || !this.partial() ? precision : undefined)}`
        : this.last;
    this.changed.emit(read);
    if (next && (part === 'day' || part === 'month') && /^\d{2}$/.test(raw)) next.focus();
    else if (next && part === 'year' && /^\d{4}$/.test(raw)) next.focus();
  }
}
