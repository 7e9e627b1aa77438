import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { DATA_CATEGORY_LABELS, label, NOTE_CATEGORIES, type CaseNoteView } from '@ctms/domain';
import { CaseApi } from './case-api';
import { CasePages } from './case-pages';
import { CaseStore } from './case-store';
import { formatDateTime, I18n, personName, type PersonRef, TranslatePipe } from '@ctms/ui';

/** Case notes: append-only (a note is never edited), oldest first, "load more" by keyset. */
@Component({
  selector: 'app-case-notes',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tab-body" data-testid="case-notes">
      <h2 class="sub">{{ 'cases.notes.title' | t }}</h2>
      <p class="hint">{{ 'cases.notes.appendOnly' | t }}</p>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      <ul class="items" data-testid="note-list">
        @for (n of notes(); track n.id) {
          <li data-testid="note">
            <div class="meta">{{ when(n.createdAt) }} · {{ who(n.author) }} · {{ category(n.category) }}</div>
            <div class="body">{{ n.body }}</div>
          </li>
        } @empty {
          @if (!loading()) {
            <li>{{ 'cases.notes.empty' | t }}</li>
          }
        }
      </ul>
      @if (cursor()) {
        <button mat-stroked-button type="button" (click)="load(false)">{{ 'cases.loadMore' | t }}</button>
      }

      @if (store.case()?.allowedActions?.edit) {
        <form class="form" (ngSubmit)="add()" data-testid="note-form">
          <h3 class="sub">{{ 'cases.notes.add' | t }}</h3>
          <mat-form-field>
            <mat-label>{{ 'cases.notes.category' | t }}</mat-label>
            <mat-select name="category" [(ngModel)]="newCategory">
              @for (c of categories; track c) {
                <mat-option [value]="c">{{ category(c) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'cases.notes.body' | t }}</mat-label>
            <textarea matInput name="body" rows="4" required [(ngModel)]="body" data-testid="note-body"></textarea>
          </mat-form-field>
          <div>
            <button mat-flat-button type="submit" data-testid="note-submit" [disabled]="store.busy() || !body.trim()">
              {{ 'cases.notes.submit' | t }}
            </button>
          </div>
        </form>
      }
    </div>
  `,
  styles: `
    @use 'section';
    .body {
      white-space: pre-wrap;
    }
  `,
})
export class CaseNotes {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);

  protected who(ref: PersonRef): string {
    return personName(ref);
  }

  protected readonly categories = NOTE_CATEGORIES;
  private readonly pages = new CasePages<CaseNoteView>(this.store, (id, cursor) => this.api.notes(id, cursor));
  protected readonly notes = this.pages.items;
  protected readonly cursor = this.pages.cursor;
  protected readonly loading = this.pages.loading;
  protected readonly error = this.pages.error;
  protected body = '';
  protected newCategory = 'EXPLOITATION_ACCOUNT';

  constructor() {
    effect(() => {
      if (this.store.case()?.id) untracked(() => void this.load(true));
    });
  }

  protected when(at: string): string {
    return formatDateTime(at, this.i18n.language());
  }

  protected category(c: string): string {
    return label(DATA_CATEGORY_LABELS, c, this.i18n.language());
  }

  protected load(reset: boolean): Promise<void> {
    return this.pages.load(reset);
  }

  protected async add(): Promise<void> {
    const id = this.store.case()?.id;
    const body = this.body.trim();
    if (!id || !body) return;
    const note = await this.store.run(() => this.api.addNote(id, body, this.newCategory), 'cases.saved.note');
    if (note) {
      this.body = '';
      // oldest first: a new note goes to the end once every earlier page is shown
      if (!this.cursor()) this.notes.update((list) => [...list, note]);
    }
  }
}
