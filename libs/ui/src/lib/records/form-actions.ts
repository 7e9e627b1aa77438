import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * The buttons under a step's form: submit (the form's own submit, so `ngSubmit` runs; disabled while
 * busy or while something required is missing) and cancel, which closes the form (`dismiss`).
 */
@Component({
  selector: 'app-form-actions',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    :host {
      display: contents;
    }
  `,
  template: `
    <div class="actions">
      <button mat-flat-button type="submit" [attr.data-testid]="submitTestId()" [disabled]="disabled()">
        {{ submitText() }}
      </button>
      <button mat-button type="button" [attr.data-testid]="cancelTestId()" (click)="dismiss.emit()">
        {{ 'confirm.cancel' | t }}
      </button>
    </div>
  `,
})
export class FormActions {
  readonly submitText = input.required<string>();
  readonly submitTestId = input.required<string>();
  readonly cancelTestId = input<string | null>(null);
  readonly disabled = input(false);
  readonly dismiss = output<void>();
}
