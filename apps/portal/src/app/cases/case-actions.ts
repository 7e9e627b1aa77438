import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  CASE_ACTION_LABELS,
  CLOSURE_REASON_LABELS,
  CLOSURE_REASONS,
  IDENTIFICATION_ACTION_LABELS,
  isOneOf,
  label,
  type ClosureReason,
} from '@ctms/domain';
import { CaseApi } from './case-api';
import { STATUS_ACTIONS, type StatusAction } from './case-codes';
import { CaseStore } from './case-store';
import { UserPicker } from './user-picker';
import { I18n, laoToday, TranslatePipe } from '@ctms/ui';

/** IDENTIFY → IDENTIFIED, NOT_IDENTIFY → NOT_IDENTIFIED (the decision the API stores). */
export const DECISION_OF: Readonly<Record<string, string>> = { IDENTIFY: 'IDENTIFIED', NOT_IDENTIFY: 'NOT_IDENTIFIED' };

/**
 * Status changes, assignment, formal identification, close and reopen: only the actions the API
 * listed in `allowedActions` are offered.
 */
@Component({
  selector: 'app-case-actions',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe, UserPicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `@use 'section';`,
  template: `
    @if (c(); as c) {
      @if (hasAny()) {
        <section class="panel" aria-labelledby="actions-heading" data-testid="case-actions">
          <h2 id="actions-heading" class="sub">{{ 'cases.actions.title' | t }}</h2>

          @if (transitions().length) {
            <div class="actions">
              @for (a of transitions(); track a) {
                <button mat-flat-button type="button" [attr.data-testid]="'transition-' + a" [disabled]="store.busy()" (click)="transition(a)">
                  {{ actionLabel(a) }}
                </button>
              }
            </div>
          }

          @if (c.allowedActions.assign) {
            <form class="form" (ngSubmit)="assign()" data-testid="assign-form">
              <h3 class="sub">{{ 'ct.assign.title' | t }}</h3>
              <app-user-picker
                testId="assign-user"
                [(value)]="assignee"
                [province]="c.provinceCode"
                [currentId]="c.assignedTo?.id ?? null"
                [error]="store.fieldErrors()['userId']"
              />
              <div>
                <button mat-stroked-button type="submit" data-testid="assign-submit" [disabled]="store.busy() || !assignee() || assignee() === c.assignedTo?.id">
                  {{ 'ct.assign.submit' | t }}
                </button>
              </div>
            </form>
          }

          @if (identificationActions().length) {
            <form class="form" (ngSubmit)="identify()" data-testid="identification-form">
              <h3 class="sub">{{ 'cases.identification.title' | t }}</h3>
              <mat-form-field>
                <mat-label>{{ 'cases.identification.decision' | t }}</mat-label>
                <mat-select name="decision" [(ngModel)]="decision" required>
                  @for (a of identificationActions(); track a) {
                    <mat-option [value]="decisionOf[a]">{{ identificationLabel(a) }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'cases.identification.decidedOn' | t }}</mat-label>
                <input matInput type="date" name="decidedOn" [(ngModel)]="decidedOn" [max]="today" required />
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'cases.identification.reasons' | t }}</mat-label>
                <textarea matInput name="reasons" rows="3" [(ngModel)]="reasons" required minlength="3"></textarea>
              </mat-form-field>
              <div>
                <button mat-flat-button type="submit" [disabled]="store.busy() || !decision || !decidedOn || reasons.trim().length < 3">
                  {{ 'cases.identification.submit' | t }}
                </button>
              </div>
            </form>
          }

          @if (canClose()) {
            <form class="form" (ngSubmit)="close()" data-testid="close-form">
              <h3 class="sub">{{ 'cases.close.title' | t }}</h3>
              <mat-form-field>
                <mat-label>{{ 'cases.close.reason' | t }}</mat-label>
                <mat-select name="closeReason" [(ngModel)]="closeReason" required>
                  @for (r of closureReasons; track r) {
                    <mat-option [value]="r">{{ closureLabel(r) }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'cases.close.note' | t }}</mat-label>
                <textarea matInput name="closeNote" rows="2" [(ngModel)]="closeNote"></textarea>
                <mat-hint>{{ 'cases.close.noteHint' | t }}</mat-hint>
              </mat-form-field>
              <div>
                <button mat-stroked-button type="submit" data-testid="close-submit" [disabled]="store.busy() || !closeReason">{{ 'cases.close.submit' | t }}</button>
              </div>
            </form>
          }

          @if (canReopen()) {
            <form class="form" (ngSubmit)="reopen()" data-testid="reopen-form">
              <h3 class="sub">{{ 'cases.reopen.title' | t }}</h3>
              <mat-form-field>
                <mat-label>{{ 'cases.reopen.reason' | t }}</mat-label>
                <textarea matInput name="reopenReason" rows="2" [(ngModel)]="reopenReason" required minlength="3"></textarea>
              </mat-form-field>
              <div>
                <button mat-stroked-button type="submit" [disabled]="store.busy() || reopenReason.trim().length < 3">{{ 'cases.reopen.submit' | t }}</button>
              </div>
            </form>
          }
        </section>
      }
    }
  `,
})
export class CaseActions {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);

  protected readonly c = this.store.case;
  protected readonly closureReasons = CLOSURE_REASONS;
  protected readonly decisionOf = DECISION_OF;
  protected readonly today = laoToday();

  protected readonly assignee = signal('');
  protected decision = '';
  protected decidedOn = laoToday();
  protected reasons = '';
  protected closeReason: ClosureReason | '' = '';
  protected closeNote = '';
  protected reopenReason = '';

  protected readonly transitions = computed<StatusAction[]>(() =>
    (this.c()?.allowedActions.case ?? []).filter((a): a is StatusAction => isOneOf(STATUS_ACTIONS, a)),
  );
  protected readonly identificationActions = computed(() => this.c()?.allowedActions.identification ?? []);
  protected readonly canClose = computed(() => (this.c()?.allowedActions.case ?? []).includes('CLOSE'));
  protected readonly canReopen = computed(() => (this.c()?.allowedActions.case ?? []).includes('REOPEN'));
  protected readonly hasAny = computed(() => {
    const a = this.c()?.allowedActions;
    return !!a && (a.case.length > 0 || a.identification.length > 0 || a.assign);
  });

  protected actionLabel(a: string): string {
    return label(CASE_ACTION_LABELS, a, this.i18n.language());
  }
  protected identificationLabel(a: string): string {
    return label(IDENTIFICATION_ACTION_LABELS, a, this.i18n.language());
  }
  protected closureLabel(r: string): string {
    return label(CLOSURE_REASON_LABELS, r, this.i18n.language());
  }

  protected async transition(action: StatusAction): Promise<void> {
    await this.store.write((c) => this.api.transition(c.id, c.version, action), 'cases.saved.status');
  }

  protected async assign(): Promise<void> {
    const userId = this.assignee();
    if (!userId) return;
    if (await this.store.write((c) => this.api.assign(c.id, c.version, userId), 'cases.saved.assigned')) this.assignee.set('');
  }

  protected async identify(): Promise<void> {
    const body = { decision: this.decision, decidedOn: this.decidedOn, reasons: this.reasons.trim() };
    if (await this.store.write((c) => this.api.identify(c.id, { version: c.version, ...body }), 'cases.saved.identification')) {
      this.reasons = '';
      this.decision = '';
    }
  }

  protected async close(): Promise<void> {
    const reason = this.closeReason;
    if (!reason) return;
    const note = this.closeNote.trim() || undefined;
    if (await this.store.write((c) => this.api.close(c.id, c.version, reason, note), 'cases.saved.closed')) {
      this.closeReason = '';
      this.closeNote = '';
    }
  }

  protected async reopen(): Promise<void> {
    const reason = this.reopenReason.trim();
    if (await this.store.write((c) => this.api.reopen(c.id, c.version, reason), 'cases.saved.reopened')) this.reopenReason = '';
  }
}
