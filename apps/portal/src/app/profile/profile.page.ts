import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatRadioModule } from '@angular/material/radio';
import {
  isOneOf,
  label,
  LANGUAGES,
  MFA_CODE_DIGITS,
  PASSWORD_PROBLEM_LABELS,
  PASSWORD_PROBLEMS,
  PROVINCE_LABELS,
  ROLE_LABELS,
  type Language,
} from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { groupSecret, isCodeShaped, mfaRefusal, normalizeCode, qrCodeDataUrl } from '../core/auth/mfa';
import { fieldProblems, I18n, PasswordField, TranslatePipe, type PasswordSpec, type TranslationKey } from '@ctms/ui';

type Translate = (key: TranslationKey) => string;

/**
 * The field messages of a refused password change (400 `details`: `{field, problems}`), in the
 * user's language: the policy's problem codes by their labels, a wrong current password plainly.
 */
export function passwordChangeErrors(err: unknown, t: Translate, lang: Language): Record<string, string> {
  const problems = fieldProblems(err);
  const out: Record<string, string> = {};
  if (problems['currentPassword']) out['currentPassword'] = t('profile.password.wrongCurrent');
  const policy = problems['newPassword'];
  if (policy) {
    out['newPassword'] =
      policy
        .map((p) =>
          isOneOf(PASSWORD_PROBLEMS, p) ? label(PASSWORD_PROBLEM_LABELS, p, lang) : t('profile.password.refused'),
        )
        .join(' ') || t('profile.password.refused');
  }
  return out;
}

@Component({
  selector: 'app-profile-page',
  imports: [FormsModule, MatButtonModule, MatRadioModule, PasswordField, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile.page.html',
  styleUrl: './profile.page.scss',
})
export class ProfilePage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  protected readonly i18n = inject(I18n);

  protected readonly user = this.auth.user;
  protected readonly mustChange = computed(() => this.user()?.mustChangePassword === true);
  protected readonly mfaRequired = computed(() => this.user()?.mfaSetupRequired === true);
  protected readonly mfaOn = computed(() => this.user()?.mfaEnabled === true);

  /** the password change's fields, named as the API names them in a refusal */
  protected readonly passwordFields = [
    { name: 'currentPassword', label: 'profile.password.current', testid: 'password-current' },
    {
      name: 'newPassword',
      label: 'profile.password.new',
      testid: 'password-new',
      autocomplete: 'new-password',
      describedBy: 'password-hint',
    },
    { name: 'repeat', label: 'profile.password.repeat', testid: 'password-repeat', autocomplete: 'new-password' },
  ] as const satisfies readonly PasswordSpec[];
  protected readonly pw = { currentPassword: '', newPassword: '', repeat: '' };
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly errors = signal<Record<string, string>>({});

  protected readonly mfaPasswordField: PasswordSpec = {
    name: 'mfaPassword',
    label: 'profile.mfa.password',
    testid: 'mfa-password',
    describedBy: 'mfa-password-hint',
  };
  protected readonly mfaCodeField: PasswordSpec = {
    name: 'code',
    label: 'profile.mfa.code',
    testid: 'mfa-code',
    describedBy: 'mfa-code-hint',
    digits: MFA_CODE_DIGITS,
  };
  protected mfaPassword = '';
  protected mfaCode = '';
  /** The new secret, shown once for the app: dropped when MFA is on, on cancel, and when the page goes. */
  protected readonly mfaSetup = signal<{ secret: string; qr: string | null } | null>(null);
  protected readonly mfaBusy = signal(false);
  protected readonly mfaDone = signal(false);
  protected readonly mfaFailure = signal<string | null>(null);
  protected readonly mfaErrors = signal<Record<string, string>>({});
  private readonly mfaCodeInput = viewChild<PasswordField>('mfaCodeInput');
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.dropMfaSetup();
      this.mfaPassword = '';
    });
  }

  protected readonly agencyName = computed(() => {
    const a = this.user()?.agency;
    return a ? this.i18n.pick(a.nameLo, a.nameEn) : '';
  });

  /** Role and province labels come from the shared domain catalogue (the same words the API uses). */
  protected readonly roles = computed(() =>
    (this.user()?.roles ?? []).map((r) => label(ROLE_LABELS, r, this.i18n.language())),
  );

  protected readonly provinces = computed(() =>
    (this.user()?.provinces ?? []).map((code) => `${code} ${label(PROVINCE_LABELS, code, this.i18n.language())}`),
  );

  protected async setLanguage(value: unknown): Promise<void> {
    if (isOneOf(LANGUAGES, value)) await this.auth.setLanguage(value);
  }

  protected async changePassword(): Promise<void> {
    const t: Translate = (k) => this.i18n.t(k);
    this.saved.set(false);
    this.failure.set(null);
    const pw = this.pw;
    if (!pw.currentPassword || !pw.newPassword) {
      this.errors.set({
        ...(pw.currentPassword ? {} : { currentPassword: t('profile.password.required') }),
        ...(pw.newPassword ? {} : { newPassword: t('profile.password.required') }),
      });
      return;
    }
    if (pw.newPassword !== pw.repeat) {
      this.errors.set({ repeat: t('profile.password.mismatch') });
      return;
    }
    this.errors.set({});
    const wasHeld = this.auth.profileOnly();
    this.busy.set(true);
    try {
      await this.auth.changePassword(pw.currentPassword, pw.newPassword);
      pw.currentPassword = pw.newPassword = pw.repeat = '';
      this.saved.set(true);
      await this.homeIfFreed(wasHeld);
    } catch (e) {
      const fields = passwordChangeErrors(e, t, this.i18n.language());
      this.errors.set(fields);
      this.failure.set(Object.keys(fields).length ? t('profile.password.fix') : t('profile.password.failed'));
    } finally {
      this.busy.set(false);
    }
  }

  /** Step 1: the password confirms it is the user; the API answers a new secret for the app. */
  protected async startMfa(): Promise<void> {
    const t: Translate = (k) => this.i18n.t(k);
    this.mfaFailure.set(null);
    this.mfaDone.set(false);
    if (!this.mfaPassword) {
      this.mfaErrors.set({ currentPassword: t('profile.password.required') });
      return;
    }
    this.mfaErrors.set({});
    this.mfaBusy.set(true);
    try {
      const setup = await this.auth.startMfaSetup(this.mfaPassword);
      this.mfaPassword = '';
      const qr = await qrCodeDataUrl(setup.otpauthUri);
      if (this.destroyed) return;
      this.mfaCode = '';
      this.mfaSetup.set({ secret: groupSecret(setup.secret), qr });
      afterNextRender(() => this.mfaCodeInput()?.focus(), { injector: this.injector });
    } catch (e) {
      await this.mfaRefused(e);
    } finally {
      this.mfaBusy.set(false);
    }
  }

  /** Step 2: a first code from the app turns MFA on. */
  protected async enableMfa(): Promise<void> {
    const t: Translate = (k) => this.i18n.t(k);
    this.mfaFailure.set(null);
    if (!isCodeShaped(this.mfaCode)) {
      this.mfaErrors.set({ code: t('profile.mfa.codeFormat') });
      return;
    }
    this.mfaErrors.set({});
    const wasHeld = this.auth.profileOnly();
    this.mfaBusy.set(true);
    try {
      await this.auth.enableMfa(normalizeCode(this.mfaCode));
      this.dropMfaSetup();
      this.mfaDone.set(true);
      await this.homeIfFreed(wasHeld);
    } catch (e) {
      this.mfaCode = '';
      await this.mfaRefused(e);
    } finally {
      this.mfaBusy.set(false);
    }
  }

  /** A user who was held to the profile and no longer is goes on to the home page. */
  private async homeIfFreed(wasHeld: boolean): Promise<void> {
    if (wasHeld && !this.auth.profileOnly()) await this.router.navigateByUrl('/');
  }

  protected cancelMfa(): void {
    this.dropMfaSetup();
    this.mfaErrors.set({});
    this.mfaFailure.set(null);
  }

  private async mfaRefused(e: unknown): Promise<void> {
    const r = mfaRefusal(e, (k) => this.i18n.t(k));
    if (r.noSetup || r.already) this.dropMfaSetup();
    if (r.already) await this.auth.reloadMe().catch(() => undefined);
    this.mfaErrors.set(r.fields);
    this.mfaFailure.set(r.message);
  }

  private dropMfaSetup(): void {
    this.mfaSetup.set(null);
    this.mfaCode = '';
  }
}
