import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import {
  CASE_ACTION_LABELS,
  CLOSURE_REASON_LABELS,
  CLOSURE_REASONS,
  IDENTIFICATION_ACTION_LABELS,
  isOneOf,
  label,
  SEED_AGENCY_LABELS,
  SETTABLE_CASE_FLAGS,
  type CaseDetailView,
  type ClosureReason,
  type ReferenceAgencyView,
  type SettableCaseFlag,
} from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { CASE_FLAG_LABELS } from '../core/i18n/dict-cases';
import { CaseApi } from './case-api';
import { STATUS_ACTIONS, type StatusAction } from './case-codes';
import { CaseStore } from './case-store';
import { UserPicker } from './user-picker';
import { ConfirmAction, I18n, laoToday, TranslatePipe, type TranslationKey } from '@ctms/ui';

/** IDENTIFY → IDENTIFIED, NOT_IDENTIFY → NOT_IDENTIFIED (the decision the API stores). */
export const DECISION_OF: Readonly<Record<string, string>> = { IDENTIFY: 'IDENTIFIED', NOT_IDENTIFY: 'NOT_IDENTIFIED' };

/** The dialogs of the case page's action menu. */
type DialogId =
  | 'assign'
  | 'identify'
  | 'decideRequest'
  | 'close'
  | 'reopen'
  | 'requestIdentification'
  | 'requestClosure'
  | 'decideClosure'
  | 'flags';

/**
 * One entry of the action menu: shown when the API's answer for the case allows it. To add an
 * action, add an entry here and a `@case` with its form in the dialog below.
 */
interface MenuItem {
  readonly id: DialogId;
  readonly labelKey: TranslationKey;
  readonly shown: (c: CaseDetailView) => boolean;
}

export const CASE_MENU: readonly MenuItem[] = [
  {
    id: 'requestIdentification',
    labelKey: 'cases.menu.requestIdentification',
    shown: (c) => c.allowedActions.requestIdentification,
  },
  { id: 'identify', labelKey: 'cases.menu.identify', shown: (c) => c.allowedActions.identification.length > 0 },
  {
    id: 'decideRequest',
    labelKey: 'cases.menu.decideRequest',
    shown: (c) => !!c.identificationRequest?.allowedActions.includes('DECIDE'),
  },
  { id: 'assign', labelKey: 'cases.menu.assign', shown: (c) => c.allowedActions.assign },
  { id: 'requestClosure', labelKey: 'cases.menu.requestClosure', shown: (c) => c.allowedActions.requestClosure },
  {
    id: 'decideClosure',
    labelKey: 'cases.menu.decideClosure',
    shown: (c) => !!c.closureRequest?.allowedActions.length,
  },
  { id: 'close', labelKey: 'cases.menu.close', shown: (c) => c.allowedActions.case.includes('CLOSE') },
  { id: 'reopen', labelKey: 'cases.menu.reopen', shown: (c) => c.allowedActions.case.includes('REOPEN') },
  { id: 'flags', labelKey: 'cases.menu.flags', shown: (c) => c.allowedActions.flags },
];

/**
 * The case page's action area: one menu of the actions the API listed for the caller
 * (`allowedActions`, the requests' own actions). A status move acts at once; every other action
 * opens its form in a modal dialog (native `<dialog>`: focus stays inside, Escape closes it).
 */
@Component({
  selector: 'app-case-actions',
  imports: [
    ConfirmAction,
    FormsModule,
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatMenuModule,
    MatSelectModule,
    TranslatePipe,
    UserPicker,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    dialog {
      width: min(560px, calc(100vw - 32px));
      max-height: calc(100vh - 32px);
      border: none;
      border-radius: 12px;
      padding: 16px 20px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 40%);
    }
    .banner {
      padding: 8px 12px;
      border-radius: 8px;
      margin: 0 0 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  template: `
    @if (c(); as c) {
      @if (c.flags.includes('NON_PUNISHMENT')) {
        <p class="banner" data-testid="banner-non-punishment">{{ 'cases.req.nonPunishment' | t }}</p>
      }
      @if (c.flags.includes('RESTRICTED')) {
        <p class="banner" data-testid="banner-restricted">{{ 'cases.req.restricted' | t }}</p>
      }
      @if (c.identificationRequest; as r) {
        <p class="hint" data-testid="identification-request-status" [attr.data-status]="r.status">
          @if (r.status === 'REQUESTED') {
            {{
              'cases.req.identificationPending' | t: { agency: agencyLabel(r.toAgency.code), due: r.dueAt.slice(0, 10) }
            }}
          } @else if (r.status === 'DECIDED') {
            {{ 'cases.req.identificationDecided' | t: { agency: agencyLabel(r.toAgency.code) } }}
          }
        </p>
      }
      @if (c.closureRequest; as r) {
        <p class="hint" data-testid="closure-request-status" [attr.data-status]="r.status">
          @if (r.status === 'REQUESTED') {
            {{ 'cases.req.closurePending' | t: { reason: closureLabel(r.reason) } }}
          } @else if (r.status === 'RETURNED') {
            {{ 'cases.req.closureReturned' | t: { comment: r.comment ?? '' } }}
          }
        </p>
      }
      @if (transitions().length || items().length || exportable()) {
        <section class="panel" aria-labelledby="actions-heading" data-testid="case-actions">
          <h2 id="actions-heading" class="sub">{{ 'cases.actions.title' | t }}</h2>
          <button
            mat-flat-button
            type="button"
            [matMenuTriggerFor]="menu"
            data-testid="case-actions-menu"
            [disabled]="store.busy()"
          >
            {{ 'cases.menu.open' | t }}
          </button>
          <mat-menu #menu="matMenu">
            @for (a of transitions(); track a) {
              <button mat-menu-item type="button" [attr.data-testid]="'transition-' + a" (click)="transition(a)">
                {{ actionLabel(a) }}
              </button>
            }
            @for (i of items(); track i.id) {
              <button mat-menu-item type="button" [attr.data-testid]="'case-action-' + i.id" (click)="openDialog(i.id)">
                {{ i.labelKey | t }}
              </button>
            }
            @if (exportable()) {
              <!-- the exports page's form with this case (its id and number: no personal data) -->
              <a
                mat-menu-item
                routerLink="/exports"
                [queryParams]="{ caseId: c.id, caseNumber: c.caseNumber }"
                data-testid="case-action-export"
                >{{ 'cases.menu.exportFile' | t }}</a
              >
            }
          </mat-menu>
        </section>
      }

      <dialog #dialog aria-labelledby="case-dialog-title" (close)="dialogClosed()" data-testid="case-dialog">
        @if (open(); as id) {
          <h2 id="case-dialog-title" class="sub">{{ titleOf(id) | t }}</h2>
          @switch (id) {
            @case ('assign') {
              <app-confirm-action
                testId="assign"
                (cancelled)="closeDialog()"
                reason="none"
                [confirmLabel]="'cases.menu.assign' | t"
                [allowed]="!!assignee() && assignee() !== c.assignedTo?.id"
                [busy]="store.busy()"
                [run]="assign"
              >
                <app-user-picker
                  testId="assign-user"
                  [(value)]="assignee"
                  [province]="c.provinceCode"
                  [currentId]="c.assignedTo?.id ?? null"
                  [error]="store.fieldErrors()['userId']"
                />
              </app-confirm-action>
            }
            @case ('identify') {
              <ng-container
                *ngTemplateOutlet="identificationForm; context: { $implicit: c.allowedActions.identification }"
              />
            }
            @case ('decideRequest') {
              <ng-container
                *ngTemplateOutlet="identificationForm; context: { $implicit: ['IDENTIFY', 'NOT_IDENTIFY'] }"
              />
            }
            @case ('requestIdentification') {
              <app-confirm-action
                testId="request-identification"
                (cancelled)="closeDialog()"
                reason="none"
                [confirmLabel]="'cases.req.send' | t"
                [allowed]="!!toAgencyId"
                [busy]="store.busy()"
                [run]="sendIdentification"
              >
                <mat-form-field>
                  <mat-label>{{ 'cases.req.toAgency' | t }}</mat-label>
                  <mat-select
                    name="toAgency"
                    [(ngModel)]="toAgencyId"
                    required
                    data-testid="request-identification-agency"
                  >
                    @for (a of identifiers(); track a.id) {
                      <mat-option [value]="a.id" [attr.data-testid]="'agency-option-' + a.code">{{
                        agencyLabel(a.code)
                      }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
              </app-confirm-action>
            }
            @case ('requestClosure') {
              <ng-container *ngTemplateOutlet="closureForm; context: { $implicit: 'request' }" />
            }
            @case ('close') {
              <ng-container *ngTemplateOutlet="closureForm; context: { $implicit: 'close' }" />
            }
            @case ('decideClosure') {
              <form class="form" (ngSubmit)="decideClosure('approve')" data-testid="decide-closure-form">
                <p>{{ 'cases.req.closurePending' | t: { reason: closureLabel(c.closureRequest?.reason ?? '') } }}</p>
                <mat-form-field>
                  <mat-label>{{ 'cases.req.comment' | t }}</mat-label>
                  <textarea
                    matInput
                    name="comment"
                    rows="2"
                    [(ngModel)]="comment"
                    data-testid="decide-closure-comment"
                  ></textarea>
                </mat-form-field>
                <div class="actions">
                  <button mat-flat-button type="submit" data-testid="closure-approve" [disabled]="store.busy()">
                    {{ 'cases.req.approve' | t }}
                  </button>
                  <button
                    mat-stroked-button
                    type="button"
                    data-testid="closure-return"
                    [disabled]="store.busy() || comment.trim().length < 1"
                    (click)="decideClosure('return')"
                  >
                    {{ 'cases.req.return' | t }}
                  </button>
                  <button mat-button type="button" (click)="closeDialog()">{{ 'cases.menu.cancel' | t }}</button>
                </div>
              </form>
            }
            @case ('reopen') {
              <app-confirm-action
                testId="reopen"
                (cancelled)="closeDialog()"
                [confirmLabel]="'cases.reopen.submit' | t"
                [reasonLabel]="'cases.reopen.reason' | t"
                [busy]="store.busy()"
                [run]="reopen"
              />
            }
            @case ('flags') {
              <app-confirm-action
                testId="flag"
                (cancelled)="closeDialog()"
                [confirmLabel]="(flag && c.flags.includes(flag) ? 'cases.req.flagLift' : 'cases.req.flagSet') | t"
                [reasonLabel]="'cases.req.flagReason' | t"
                [allowed]="!!flag"
                [busy]="store.busy()"
                [run]="setFlag"
              >
                <mat-form-field>
                  <mat-label>{{ 'cases.req.flag' | t }}</mat-label>
                  <mat-select name="flag" [(ngModel)]="flag" required data-testid="flag-select">
                    @for (f of settableFlags; track f) {
                      <mat-option [value]="f" [attr.data-testid]="'flag-option-' + f">{{ flagLabel(f) }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
                @if (flag === 'RESTRICTED' && !c.flags.includes('RESTRICTED')) {
                  <p class="hint" id="flag-users-hint">
                    <strong>{{ 'cases.req.namedUsers' | t }}</strong> — {{ 'cases.req.namedUsersHint' | t }}
                  </p>
                  <app-user-picker
                    testId="flag-users"
                    [multiple]="true"
                    [(values)]="namedUsers"
                    [province]="c.provinceCode"
                    [currentId]="null"
                    [error]="namedUsersError()"
                  />
                }
              </app-confirm-action>
            }
          }
        }
      </dialog>

      <ng-template #identificationForm let-actions>
        <app-confirm-action
          testId="identification"
          [testIds]="{ reason: 'identification-reasons' }"
          (cancelled)="closeDialog()"
          [confirmLabel]="'cases.identification.submit' | t"
          [reasonLabel]="'cases.identification.reasons' | t"
          [allowed]="!!decision && !!decidedOn"
          [busy]="store.busy()"
          [run]="identify"
        >
          <mat-form-field>
            <mat-label>{{ 'cases.identification.decision' | t }}</mat-label>
            <mat-select name="decision" [(ngModel)]="decision" required data-testid="identification-decision">
              @for (a of actions; track a) {
                <mat-option [value]="decisionOf[a]" [attr.data-testid]="'decision-option-' + a">{{
                  identificationLabel(a)
                }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'cases.identification.decidedOn' | t }}</mat-label>
            <input matInput type="date" name="decidedOn" [(ngModel)]="decidedOn" [max]="today" required />
          </mat-form-field>
        </app-confirm-action>
      </ng-template>

      <ng-template #closureForm let-mode>
        <app-confirm-action
          [testId]="mode === 'close' ? 'close' : 'request-closure'"
          (cancelled)="closeDialog()"
          reason="optional"
          [confirmLabel]="(mode === 'close' ? 'cases.close.submit' : 'cases.req.askClosure') | t"
          [reasonLabel]="'cases.close.note' | t"
          [reasonHint]="'cases.close.noteHint' | t"
          [allowed]="!!closeReason"
          [busy]="store.busy()"
          [run]="mode === 'close' ? close : requestClosure"
        >
          <mat-form-field>
            <mat-label>{{ 'cases.close.reason' | t }}</mat-label>
            <mat-select name="closeReason" [(ngModel)]="closeReason" required data-testid="closure-reason">
              @for (r of closureReasons; track r) {
                <mat-option [value]="r" [attr.data-testid]="'closure-option-' + r">{{ closureLabel(r) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </app-confirm-action>
      </ng-template>
    }
  `,
})
export class CaseActions {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);
  private readonly dialog = viewChild<ElementRef<HTMLDialogElement>>('dialog');

  protected readonly c = this.store.case;
  protected readonly closureReasons = CLOSURE_REASONS;
  protected readonly settableFlags = SETTABLE_CASE_FLAGS;
  protected readonly decisionOf = DECISION_OF;
  protected readonly today = laoToday();
  protected readonly open = signal<DialogId | null>(null);
  protected readonly identifiers = signal<ReferenceAgencyView[]>([]);

  protected readonly assignee = signal('');
  /** RESTRICTED: the users named besides the setter (who is always named) */
  protected readonly namedUsers = signal<string[]>([]);
  /** the API's refusal of any of the named users (field `userIds[i]`) */
  protected readonly namedUsersError = computed(() => {
    const errors = this.store.fieldErrors();
    const key = Object.keys(errors).find((k) => k.startsWith('userIds'));
    return key ? errors[key] : null;
  });
  protected decision = '';
  protected decidedOn = laoToday();
  protected closeReason: ClosureReason | '' = '';
  protected toAgencyId = '';
  protected comment = '';
  protected flag: SettableCaseFlag | '' = '';

  protected readonly transitions = computed<StatusAction[]>(() =>
    (this.c()?.allowedActions.case ?? []).filter((a): a is StatusAction => isOneOf(STATUS_ACTIONS, a)),
  );
  protected readonly items = computed(() => {
    const c = this.c();
    return c ? CASE_MENU.filter((i) => i.shown(c)) : [];
  });
  private readonly auth = inject(AuthService);
  /** a case file is exported by its lead agency (the API checks it again), by holders of export:create */
  protected readonly exportable = computed(
    () => this.c()?.relation === 'LEAD_AGENCY' && this.auth.permissions().has('export:create'),
  );

  protected titleOf(id: DialogId): TranslationKey {
    return CASE_MENU.find((i) => i.id === id)?.labelKey ?? 'cases.actions.title';
  }
  protected actionLabel(a: string): string {
    return label(CASE_ACTION_LABELS, a, this.i18n.language());
  }
  protected identificationLabel(a: string): string {
    return label(IDENTIFICATION_ACTION_LABELS, a, this.i18n.language());
  }
  protected closureLabel(r: string): string {
    return label(CLOSURE_REASON_LABELS, r, this.i18n.language());
  }
  protected agencyLabel(code: string): string {
    return label(SEED_AGENCY_LABELS, code, this.i18n.language());
  }
  protected flagLabel(f: string): string {
    return label(CASE_FLAG_LABELS, f, this.i18n.language());
  }

  protected async openDialog(id: DialogId): Promise<void> {
    this.store.fieldErrors.set({});
    this.open.set(id);
    this.dialog()?.nativeElement.showModal();
    if (id === 'requestIdentification' && !this.identifiers().length) {
      const all = await this.api.agencies();
      this.identifiers.set(all.filter((a) => a.capabilities.includes('FORMAL_IDENTIFICATION')));
      if (this.identifiers().length === 1) this.toAgencyId = this.identifiers()[0]?.id ?? '';
    }
  }
  protected closeDialog(): void {
    this.dialog()?.nativeElement.close();
  }
  protected dialogClosed(): void {
    this.open.set(null);
  }

  /** A write on the case through the store; the dialog closes on success. */
  private async done(ok: boolean): Promise<boolean> {
    if (ok) this.closeDialog();
    return ok;
  }

  /** A write on a request that answers the request: the case is read again after it. */
  private viaCase(fn: (c: CaseDetailView) => Promise<unknown>): (c: CaseDetailView) => Promise<CaseDetailView> {
    return async (c) => {
      await fn(c);
      return this.api.get(c.id);
    };
  }

  protected async transition(action: StatusAction): Promise<void> {
    await this.store.write((c) => this.api.transition(c.id, c.version, action), 'cases.saved.status');
  }

  // Each dialog's action, run by its confirmation (which passes the reason or note it took): true on success.

  protected readonly assign = async (): Promise<boolean> => {
    const userId = this.assignee();
    if (!userId) return false;
    const ok = await this.store.write((c) => this.api.assign(c.id, c.version, userId), 'cases.saved.assigned');
    if (ok) this.assignee.set('');
    return this.done(ok);
  };

  protected readonly identify = async (reasons: string): Promise<boolean> => {
    const body = { decision: this.decision, decidedOn: this.decidedOn, reasons };
    const request = this.open() === 'decideRequest' ? this.c()?.identificationRequest : null;
    const ok = await this.store.write(
      request
        ? this.viaCase(() => this.api.decideIdentification(request.id, { version: request.version, ...body }))
        : (c) => this.api.identify(c.id, { version: c.version, ...body }),
      'cases.saved.identification',
    );
    if (ok) this.decision = '';
    return this.done(ok);
  };

  protected readonly sendIdentification = async (): Promise<boolean> => {
    const to = this.toAgencyId;
    if (!to) return false;
    return this.done(
      await this.store.write(
        this.viaCase((c) => this.api.sendIdentification(c.id, to)),
        'cases.saved.identificationRequested',
      ),
    );
  };

  protected readonly close = async (note: string): Promise<boolean> => {
    const reason = this.closeReason;
    if (!reason) return false;
    const ok = await this.store.write(
      (c) => this.api.close(c.id, c.version, reason, note || undefined),
      'cases.saved.closed',
    );
    if (ok) this.closeReason = '';
    return this.done(ok);
  };

  protected readonly requestClosure = async (note: string): Promise<boolean> => {
    const reason = this.closeReason;
    if (!reason) return false;
    const ok = await this.store.write(
      this.viaCase((c) => this.api.requestClosure(c.id, reason, note || undefined)),
      'cases.saved.closureRequested',
    );
    if (ok) this.closeReason = '';
    return this.done(ok);
  };

  protected async decideClosure(action: 'approve' | 'return'): Promise<void> {
    const r = this.c()?.closureRequest;
    if (!r) return;
    const comment = this.comment.trim() || undefined;
    const ok = await this.store.write(
      this.viaCase(() => this.api.decideClosure(r.id, action, r.version, comment)),
      action === 'approve' ? 'cases.saved.closed' : 'cases.saved.closureReturned',
    );
    if (ok) this.comment = '';
    await this.done(ok);
  }

  /** Reopens the case with the confirmation's reason. */
  protected readonly reopen = async (reason: string): Promise<boolean> => {
    const ok = await this.store.write((c) => this.api.reopen(c.id, c.version, reason), 'cases.saved.reopened');
    return this.done(ok);
  };

  protected readonly setFlag = async (reason: string): Promise<boolean> => {
    const flag = this.flag;
    if (!flag) return false;
    const named = this.namedUsers();
    const ok = await this.store.write(
      (c) =>
        this.api.setFlag(c.id, {
          version: c.version,
          flag,
          set: !c.flags.includes(flag),
          reason,
          ...(flag === 'RESTRICTED' && named.length ? { userIds: named } : {}),
        }),
      'cases.saved.flag',
    );
    if (ok) {
      this.flag = '';
      this.namedUsers.set([]);
    }
    return this.done(ok);
  };
}
