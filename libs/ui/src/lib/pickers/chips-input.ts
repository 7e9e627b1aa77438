import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { TranslatePipe } from '../i18n/translate.pipe';

/** A list of short free texts (names, aliases) as chips: type one, press Enter or a comma, type the next. */
@Component({
  selector: 'app-chips-input',
  imports: [MatChipsModule, MatFormFieldModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic" class="chips">
      <mat-label>{{ label() }}</mat-label>
      <!-- the input follows the grid instead of sitting inside it: a grid may only hold rows
           (axe aria-required-children; angular/components#28067), and screen readers reach it there -->
      <mat-chip-grid #grid [attr.aria-label]="label()">
        @for (item of items(); track $index) {
          <mat-chip-row (removed)="remove($index)" [attr.data-testid]="testId() + '-chip-' + $index">
            {{ item }}
            <button matChipRemove type="button" [attr.aria-label]="'picker.remove' | t: { name: item }">✕</button>
          </mat-chip-row>
        }
      </mat-chip-grid>
      <input
        [id]="fieldId()"
        [matChipInputFor]="grid"
        [matChipInputSeparatorKeyCodes]="separators"
        [matChipInputAddOnBlur]="true"
        (matChipInputTokenEnd)="add($event)"
        autocomplete="off"
        [attr.aria-invalid]="!!error()"
        [attr.data-testid]="testId()"
      />
      @if (error(); as e) {
        <mat-hint class="err" [attr.data-testid]="testId() + '-error'">{{ e }}</mat-hint>
      } @else {
        <mat-hint>{{ 'chips.hint' | t }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    .chips {
      width: 100%;
    }
    .err {
      color: var(--mat-sys-error);
    }
  `,
})
export class ChipsInput {
  readonly label = input.required<string>();
  readonly value = input<unknown>(null);
  readonly fieldId = input.required<string>();
  readonly testId = input.required<string>();
  readonly error = input<string | null>(null);
  readonly changed = output<string[]>();
  /** Enter and the comma (Lao and English keyboards both have it) */
  protected readonly separators = [13, 188];

  protected readonly items = computed(() => {
    const v = this.value();
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  });

  protected add(event: MatChipInputEvent): void {
    const parts = event.value
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    event.chipInput.clear();
    if (parts.length) this.changed.emit([...this.items(), ...parts]);
  }

  protected remove(index: number): void {
    this.changed.emit(this.items().filter((_v, i) => i !== index));
  }
}
