import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import {
  ASSIGNABLE_BY_AGENCY_ADMIN,
  label,
  LANGUAGE_LABELS,
  LANGUAGES,
  PROVINCE_LABELS,
  PROVINCES,
  ROLE_LABELS,
  ROLES,
  USER_STATUS_LABELS,
  USER_STATUSES,
  type AgencyRef,
  type CreateUserRequest,
  type Language,
  type Role,
  type UserStatus,
  type UserView,
} from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { adminActions } from './admin-actions';
import { AdminApi } from './admin-api';
import { ConfirmAction, FORM_KIT, I18n, TextField, toggle, type FieldSpec, type TranslationKey } from '@ctms/ui';

export interface UserDraft {
  username: string;
  displayName: string;
  email: string;
  roles: Role[];
  allProvinces: boolean;
  provinces: string[];
  language: Language;
  agencyId: string;
}

/** The roles this administrator may grant: an agency administrator never grants an administrator role. */
export function grantableRoles(isSystemAdmin: boolean): readonly Role[] {
  return isSystemAdmin ? ROLES : ASSIGNABLE_BY_AGENCY_ADMIN;
}

export function createBody(d: UserDraft, isSystemAdmin: boolean): CreateUserRequest {
  return {
    username: d.username.trim().toLowerCase(),
    displayName: d.displayName.trim(),
    email: d.email.trim().toLowerCase(),
    roles: d.roles,
    allProvinces: d.allProvinces,
    provinces: d.allProvinces ? [] : d.provinces,
    language: d.language,
    ...(isSystemAdmin && d.agencyId ? { agencyId: d.agencyId } : {}),
  };
}

function emptyDraft(): UserDraft {
  return {
    username: '',
    displayName: '',
    email: '',
    roles: [],
    allProvinces: false,
    provinces: [],
    language: 'lo',
    agencyId: '',
  };
}

type Pending = { kind: 'disable' | 'enable' | 'reset' | 'reset-mfa' | 'approve'; user: UserView };

/**
 * User administration: list, create, edit, disable/enable, reset password or MFA, approve. No
 * password is ever shown here: creation, approval and reset send the user a one-time link to their
 * own e-mail, where they choose their password (decision 0010).
 */
@Component({
  selector: 'app-users-page',
  imports: [ConfirmAction, FORM_KIT, TextField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  templateUrl: './users.page.html',
})
export class UsersPage {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);

  protected readonly statuses = USER_STATUSES;
  protected readonly languages = LANGUAGES;
  protected readonly provinces = PROVINCES;
  protected readonly f = {
    username: {
      name: 'username',
      label: 'admin.users.username',
      hint: 'admin.users.usernameHint',
      testid: 'user-username',
      required: true,
      minlength: 3,
      autocomplete: 'off',
      spellcheck: false,
    },
    displayName: {
      name: 'displayName',
      label: 'admin.users.displayName',
      testid: 'user-display-name',
      required: true,
      autocomplete: 'off',
    },
    email: {
      name: 'email',
      label: 'admin.users.email',
      hint: 'admin.users.emailHint',
      testid: 'user-email',
      type: 'email',
      lang: 'en',
      autocomplete: 'off',
      spellcheck: false,
    },
  } as const satisfies Record<string, FieldSpec>;
  protected readonly isSystemAdmin = computed(() => this.auth.user()?.roles.includes('SYSTEM_ADMIN') ?? false);
  protected readonly canManage = computed(() => this.auth.can('user:manage'));
  protected readonly roleOptions = computed(() => grantableRoles(this.isSystemAdmin()));

  protected readonly users = signal<UserView[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly act = adminActions(() => this.reload());
  protected readonly creating = signal(false);
  protected readonly editingId = signal<string | null>(null);
  protected readonly pending = signal<Pending | null>(null);
  /** the pending action as a list of one: another action opens a fresh confirmation (an empty reason) */
  protected readonly pendingNow = computed(() => {
    const p = this.pending();
    return p ? [p] : [];
  });
  protected readonly agencyOptions = signal<AgencyRef[]>([]);

  protected readonly confirmKeys = {
    disable: 'admin.users.confirm.disable',
    enable: 'admin.users.confirm.enable',
    reset: 'admin.users.confirm.reset',
    'reset-mfa': 'admin.users.confirm.resetMfa',
    approve: 'admin.users.confirm.approve',
  } as const satisfies Record<Pending['kind'], TranslationKey>;
  protected readonly actionKeys = {
    disable: 'admin.users.action.disable',
    enable: 'admin.users.action.enable',
    reset: 'admin.users.action.reset',
    'reset-mfa': 'admin.users.action.resetMfa',
    approve: 'admin.users.action.approve',
  } as const satisfies Record<Pending['kind'], TranslationKey>;
  private readonly doneKeys = {
    disable: 'admin.users.disabled',
    enable: 'admin.users.enabled',
    reset: 'admin.users.resetDone',
    'reset-mfa': 'admin.users.resetMfaDone',
    approve: 'admin.users.approved',
  } as const satisfies Record<Pending['kind'], TranslationKey>;
  private readonly hintKeys: Partial<Record<Pending['kind'], TranslationKey>> = {
    reset: 'admin.users.resetHint',
    approve: 'admin.users.approveHint',
    'reset-mfa': 'admin.users.resetMfaHint',
  };

  protected statusFilter: UserStatus | '' = '';
  protected draft: UserDraft = emptyDraft();

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return this.users().map((u) => ({
      ...u,
      roleLabels: u.roles.map((r) => label(ROLE_LABELS, r, lang)).join(', '),
      scope: u.allProvinces
        ? this.i18n.t('admin.users.allProvinces')
        : u.provinces.map((p) => `${p} ${label(PROVINCE_LABELS, p, lang)}`).join(', '),
      languageLabel: label(LANGUAGE_LABELS, u.language, lang),
      statusLabel: label(USER_STATUS_LABELS, u.status, lang),
      mfaLabel: this.i18n.t(u.mfaEnabled ? 'admin.users.mfaOn' : 'admin.users.mfaOff'),
      agencyName: this.i18n.pick(u.agency.nameLo, u.agency.nameEn),
      isSelf: u.id === this.auth.user()?.id,
      // an account the system administrator made waits for this agency's administrator
      canApprove: u.status === 'PENDING_APPROVAL' && !this.isSystemAdmin(),
    }));
  });

  constructor() {
    void this.load(true);
  }

  protected lbl(kind: 'role' | 'lang' | 'province' | 'status', code: string): string {
    const lang = this.i18n.language();
    if (kind === 'role') return label(ROLE_LABELS, code, lang);
    if (kind === 'lang') return label(LANGUAGE_LABELS, code, lang);
    if (kind === 'status') return label(USER_STATUS_LABELS, code, lang);
    return `${code} ${label(PROVINCE_LABELS, code, lang)}`;
  }

  protected agencyLabel(a: AgencyRef): string {
    return this.i18n.pick(a.nameLo, a.nameEn);
  }

  protected check<T>(list: T[], value: T, on: boolean): T[] {
    return toggle(list, value, on);
  }

  protected async load(reset: boolean): Promise<void> {
    this.loading.set(true);
    try {
      const page = await this.api.users(reset ? null : this.cursor(), this.statusFilter);
      this.users.set(reset ? page.items : [...this.users(), ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (e) {
      this.act.fail(e);
    } finally {
      this.loading.set(false);
    }
  }

  /** after a stale version: the form closes, the list is read again */
  private reload(): Promise<void> {
    this.editingId.set(null);
    return this.load(true);
  }

  protected async startCreate(): Promise<void> {
    this.draft = emptyDraft();
    this.editingId.set(null);
    this.pending.set(null);
    this.act.fieldErrors.set({});
    this.creating.set(true);
    if (this.isSystemAdmin() && this.agencyOptions().length === 0) {
      try {
        this.agencyOptions.set(await this.api.agencyOptions());
      } catch (e) {
        this.act.fail(e);
      }
    }
  }

  protected startEdit(u: UserView): void {
    this.creating.set(false);
    this.pending.set(null);
    this.act.fieldErrors.set({});
    this.draft = {
      username: u.username,
      displayName: u.displayName,
      email: u.email ?? '',
      roles: [...u.roles],
      allProvinces: u.allProvinces,
      provinces: [...u.provinces],
      language: u.language,
      agencyId: u.agency.id,
    };
    this.editingId.set(u.id);
  }

  protected startAction(kind: Pending['kind'], user: UserView): void {
    this.creating.set(false);
    this.editingId.set(null);
    this.pending.set({ kind, user });
  }

  protected cancel(): void {
    this.creating.set(false);
    this.editingId.set(null);
    this.pending.set(null);
    this.act.fieldErrors.set({});
  }

  protected draftComplete(): boolean {
    const d = this.draft;
    return (
      d.username.trim().length >= 3 &&
      d.displayName.trim().length > 0 &&
      (!this.creating() || d.email.includes('@')) &&
      d.roles.length > 0 &&
      (!this.isSystemAdmin() || !!d.agencyId || !this.creating())
    );
  }

  protected async create(): Promise<void> {
    const body = createBody(this.draft, this.isSystemAdmin());
    const res = await this.act.run(() => this.api.createUser(body), 'admin.users.created');
    if (res) {
      this.creating.set(false);
      if (res.status === 'PENDING_APPROVAL')
        this.act.notice.set({ kind: 'ok', text: this.i18n.t('admin.users.createdPending') });
      this.users.update((list) => [...list, res].sort((a, b) => a.username.localeCompare(b.username)));
    }
  }

  protected async saveEdit(): Promise<void> {
    const id = this.editingId();
    const u = this.users().find((x) => x.id === id);
    if (!u) return;
    const d = this.draft;
    const res = await this.act.run(
      () =>
        this.api.updateUser(u.id, u.version, {
          displayName: d.displayName.trim(),
          roles: d.roles,
          allProvinces: d.allProvinces,
          provinces: d.allProvinces ? [] : d.provinces,
          language: d.language,
          ...(d.email.trim() && d.email.trim().toLowerCase() !== (u.email ?? '')
            ? { email: d.email.trim().toLowerCase() }
            : {}),
        }),
      'admin.users.saved',
    );
    if (res) {
      this.replace(res);
      this.editingId.set(null);
    }
  }

  protected hintOf(kind: Pending['kind']): string {
    const key = this.hintKeys[kind];
    return key ? this.i18n.t(key) : '';
  }

  /** The pending action with the confirmation's reason; true once the API answered. */
  protected readonly confirmAction = async (reason: string): Promise<boolean> => {
    const p = this.pending();
    if (!p) return false;
    const id = p.user.id;
    const call: Record<Pending['kind'], () => Promise<UserView>> = {
      reset: () => this.api.resetPassword(id, reason),
      approve: () => this.api.approve(id, reason),
      'reset-mfa': () => this.api.resetMfa(id, reason),
      disable: () => this.api.userAction(id, 'disable', reason),
      enable: () => this.api.userAction(id, 'enable', reason),
    };
    const res = await this.act.run(call[p.kind], this.doneKeys[p.kind]);
    if (res) {
      this.replace(res);
      this.pending.set(null);
    }
    return res !== null;
  };

  private replace(u: UserView): void {
    this.users.update((list) => list.map((x) => (x.id === u.id ? u : x)));
  }
}
