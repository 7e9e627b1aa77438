import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ctms/ui';

/** One charge as typed: the article of the Penal Code (checked by `CHARGE_ARTICLE`) and what it is about. */
export interface ChargeDraft {
  article: string;
  description: string;
}

/**
 * The charges of a handoff as rows of article and description, each with "remove", then "add": the
 * proposed charges when a case is handed off, the charges filed on a handoff. The article boxes carry
 * the test id `<testId><row>`.
 */
@Component({
  selector: 'app-charges-input',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    :host {
      display: contents;
    }
  `,
  template: `
    @for (c of charges(); track $index; let i = $index) {
      <div class="row">
        <mat-form-field>
          <mat-label>{{ 'ho.article' | t }}</mat-label>
          <input
            matInput
            lang="en"
            [(ngModel)]="c.article"
            [ngModelOptions]="{ standalone: true }"
            [attr.data-testid]="testId() + i"
          />
          <mat-hint>{{ 'ho.articleHint' | t }}</mat-hint>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'ho.chargeDescription' | t }}</mat-label>
          <input matInput [(ngModel)]="c.description" [ngModelOptions]="{ standalone: true }" />
        </mat-form-field>
        <button mat-button type="button" (click)="remove(i)">{{ 'ho.remove' | t }}</button>
      </div>
    }
    <button mat-stroked-button type="button" (click)="add()">{{ 'ho.add' | t }}</button>
  `,
})
export class ChargesInput {
  readonly charges = model.required<ChargeDraft[]>();
  readonly testId = input.required<string>();

  protected add(): void {
    this.charges.set([...this.charges(), { article: '', description: '' }]);
  }

  protected remove(i: number): void {
    this.charges.set(this.charges().filter((_, j) => j !== i));
  }
}
