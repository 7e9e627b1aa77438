import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  model,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { label, ROLE_LABELS, type AssignableUserView } from '@ctms/domain';
import { CaseApi } from './case-api';
import { I18n, TranslatePipe } from '@ctms/ui';

/**
 * Picks a worker of the caller's own agency (GET /users/assignable, docs/decisions/0006): a
 * mat-select of names, usernames and roles instead of a typed user id. `province` narrows the list
 * to those whose scope covers it (a case's province); `allowSelf` adds "me (default)" as the empty
 * choice (referral acceptance assigns the caller when no one is chosen); `multiple` picks several
 * (`values`).
 */
@Component({
  selector: 'app-user-picker',
  imports: [FormsModule, MatFormFieldModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="picker">
      <mat-label>{{ 'ct.picker.label' | t }}</mat-label>
      @if (multiple()) {
        <mat-select
          multiple
          [ngModel]="values()"
          (ngModelChange)="values.set($event)"
          [ngModelOptions]="{ standalone: true }"
          [disabled]="state() !== 'ready'"
          [attr.data-testid]="testId()"
        >
          @for (u of options(); track u.id) {
            <mat-option [value]="u.id" [attr.data-testid]="'picker-option-' + u.username">{{ u.text }}</mat-option>
          }
        </mat-select>
      } @else {
        <mat-select
          [ngModel]="value()"
          (ngModelChange)="value.set($event)"
          [ngModelOptions]="{ standalone: true }"
          [required]="!allowSelf()"
          [disabled]="state() !== 'ready'"
          [attr.data-testid]="testId()"
        >
          @if (allowSelf()) {
            <mat-option value="">{{ 'ct.picker.me' | t }}</mat-option>
          }
          @for (u of options(); track u.id) {
            <mat-option [value]="u.id" [attr.data-testid]="'picker-option-' + u.username">{{ u.text }}</mat-option>
          }
        </mat-select>
      }
      <mat-hint>
        @switch (state()) {
          @case ('loading') {
            {{ 'ct.picker.loading' | t }}
          }
          @case ('failed') {
            <span class="error" role="alert">{{ 'ct.picker.failed' | t }}</span>
          }
          @default {
            @if (!options().length) {
              {{ 'ct.picker.empty' | t }}
            } @else if (error()) {
              <span class="error">{{ error() }}</span>
            } @else {
              {{ (province() ? 'ct.picker.hintProvince' : 'ct.picker.hint') | t }}
            }
          }
        }
      </mat-hint>
    </mat-form-field>
  `,
  styles: `
    .picker {
      width: 100%;
      max-width: 520px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class UserPicker {
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);

  /** the chosen user id ('' = nobody / the caller) */
  readonly value = model<string>('');
  /** several users instead of one (`values`), e.g. the users named on a RESTRICTED case */
  readonly multiple = input(false);
  /** the chosen user ids, when `multiple` */
  readonly values = model<string[]>([]);
  readonly province = input<string | null>(null);
  readonly allowSelf = input(false);
  /** who holds it now: marked in the list */
  readonly currentId = input<string | null>(null);
  /** a refusal of the field by the API, shown under it */
  readonly error = input<string | null>(null);
  readonly testId = input('user-picker');

  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  private readonly users = signal<AssignableUserView[]>([]);

  protected readonly options = computed(() => {
    const lang = this.i18n.language();
    const current = this.currentId();
    return this.users().map((u) => {
      const roles = u.roles.map((r) => label(ROLE_LABELS, r, lang)).join(', ');
      const mark = u.id === current ? ` · ${this.i18n.t('ct.picker.current')}` : '';
      return { id: u.id, username: u.username, text: `${u.displayName} (${u.username}) · ${roles}${mark}` };
    });
  });

  constructor() {
    effect(() => {
      const province = this.province();
      untracked(() => void this.load(province));
    });
  }

  private async load(province: string | null): Promise<void> {
    this.state.set('loading');
    try {
      const res = await this.api.assignableUsers(province ?? undefined);
      this.users.set(res.items);
      this.state.set('ready');
    } catch {
      this.state.set('failed');
    }
  }
}
