import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import {
  activationTokenFromFragment,
  MFA_CODE_DIGITS,
  type ActivationCompleteRequest,
  type ActivationStart,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';
import { groupSecret, isCodeShaped, normalizeCode, qrCodeDataUrl } from '../core/auth/mfa';
import { LanguageSwitch } from '../core/i18n/language-switch';
import { passwordChangeErrors } from '../profile/profile.page';
import { fieldProblems, formatDateTime, I18n, PasswordField, TranslatePipe, type PasswordSpec } from '@ctms/ui';

/**
 * The one-time activation link (decision 0010): `/activate#token=…`. The token is read from the
 * fragment (which browsers never send to a server), removed from the address bar and history at
 * once, kept only in this component, and sent to the API in POST bodies only. The user chooses
 * their own password here and, where MFA is required, enrols it; a reset of an account with MFA
 * asks for a current code.
 */
@Component({
  selector: 'app-activation-page',
  imports: [FormsModule, MatButtonModule, MatCardModule, RouterLink, LanguageSwitch, PasswordField, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../login/login.page.scss',
  template: `
    <main class="login" id="main">
      <div class="top"><app-language-switch /></div>
      <mat-card class="card" appearance="outlined" data-testid="activation">
        <mat-card-header>
          <mat-card-title>
            <h1 class="heading">{{ (info()?.purpose === 'RESET' ? 'activate.titleReset' : 'activate.title') | t }}</h1>
          </mat-card-title>
          <mat-card-subtitle>{{ 'app.title' | t }}</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          @if (state() === 'loading') {
            <p role="status">{{ 'activate.loading' | t }}</p>
          } @else if (state() === 'invalid') {
            <p class="alert" role="alert" data-testid="activation-invalid">
              {{ (token ? 'activate.invalid' : 'activate.noToken') | t }}
            </p>
            <a mat-button routerLink="/login">{{ 'activate.toLogin' | t }}</a>
          } @else if (state() === 'done') {
            <p class="note" role="status" data-testid="activation-done">{{ 'activate.done' | t }}</p>
            <a mat-flat-button routerLink="/login" data-testid="activation-to-login">{{ 'activate.toLogin' | t }}</a>
          } @else if (info(); as i) {
            <p class="intro">{{ 'activate.intro' | t }}</p>
            <p data-testid="activation-username">{{ 'activate.username' | t: { username: i.username } }}</p>
            <p class="hint">{{ 'activate.expires' | t: { date: expires() } }}</p>
            <form (ngSubmit)="submit()" novalidate data-testid="activation-form">
              <input type="text" name="username" autocomplete="username" [value]="i.username" hidden />
              <p id="activation-hint" class="hint">{{ 'activate.hint' | t }}</p>
              @for (f of passwordFields; track f.name) {
                <app-password-field look="card" [spec]="f" [(value)]="pw[f.name]" [error]="errors()[f.name]" />
              }
              @if (i.mfa !== 'NONE') {
                <p id="activation-mfa-hint">
                  {{ (i.mfa === 'ENROL' ? 'activate.mfaEnrol' : 'activate.mfaVerify') | t }}
                </p>
                @if (i.mfa === 'ENROL' && i.mfaSetup) {
                  @if (qr(); as q) {
                    <img [src]="q" [alt]="'activate.qrAlt' | t" width="200" height="200" data-testid="activation-qr" />
                  }
                  <p>
                    {{ 'activate.secret' | t }}
                    <code lang="en" translate="no" data-testid="activation-secret">{{ secret() }}</code>
                  </p>
                }
                <app-password-field look="card" [spec]="codeField" [(value)]="code" [error]="errors()['code']" />
              }
              <button mat-flat-button type="submit" class="submit" [disabled]="busy()" data-testid="activation-submit">
                {{ (busy() ? 'activate.submitting' : 'activate.submit') | t }}
              </button>
              <div role="status" aria-live="polite">
                @if (failure(); as f) {
                  <p class="alert" data-testid="activation-failed">{{ f }}</p>
                }
              </div>
            </form>
          }
        </mat-card-content>
      </mat-card>
    </main>
  `,
})
export class ActivationPage implements OnInit {
  private readonly http = inject(HttpClient);
  protected readonly i18n = inject(I18n);
  /** from the fragment; never in a URL the app sends, never stored */
  protected token: string | null = null;
  protected readonly state = signal<'loading' | 'ready' | 'invalid' | 'done'>('loading');
  protected readonly info = signal<ActivationStart | null>(null);
  protected readonly qr = signal<string | null>(null);
  protected readonly secret = computed(() => groupSecret(this.info()?.mfaSetup?.secret ?? ''));
  protected readonly expires = computed(() => formatDateTime(this.info()?.expiresAt, this.i18n.language()));
  protected readonly busy = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal<string | null>(null);
  /** the new password, twice; named as the API names it in a refusal */
  protected readonly passwordFields = [
    {
      name: 'newPassword',
      label: 'activate.password',
      testid: 'activation-password',
      autocomplete: 'new-password',
      describedBy: 'activation-hint',
    },
    { name: 'repeat', label: 'activate.repeat', testid: 'activation-repeat', autocomplete: 'new-password' },
  ] as const satisfies readonly PasswordSpec[];
  protected readonly pw = { newPassword: '', repeat: '' };
  protected readonly codeField: PasswordSpec = {
    name: 'code',
    label: 'activate.code',
    testid: 'activation-code',
    describedBy: 'activation-mfa-hint',
    digits: MFA_CODE_DIGITS,
  };
  protected code = '';

  ngOnInit(): void {
    void this.start();
  }

  /** Reads the token from the fragment and asks the API what the activation needs (its own errors end in 'invalid'). */
  private async start(): Promise<void> {
    this.token = activationTokenFromFragment(window.location.hash);
    // the token leaves the address bar and the history at once
    if (window.location.hash) history.replaceState(history.state, '', window.location.pathname);
    if (!this.token) return this.state.set('invalid');
    try {
      const info = await firstValueFrom(
        this.http.post<ActivationStart>(`${API}/auth/activation/start`, { token: this.token }),
      );
      this.info.set(info);
      if (info.mfaSetup) this.qr.set(await qrCodeDataUrl(info.mfaSetup.otpauthUri));
      this.state.set('ready');
    } catch {
      this.state.set('invalid');
    }
  }

  protected async submit(): Promise<void> {
    const t = (k: Parameters<I18n['t']>[0]) => this.i18n.t(k);
    const i = this.info();
    if (!i || !this.token || this.busy()) return;
    this.failure.set(null);
    if (!this.pw.newPassword) return this.errors.set({ newPassword: t('activate.required') });
    if (this.pw.newPassword !== this.pw.repeat) return this.errors.set({ repeat: t('activate.mismatch') });
    if (i.mfa !== 'NONE' && !isCodeShaped(this.code)) return this.errors.set({ code: t('activate.codeFormat') });
    this.errors.set({});
    this.busy.set(true);
    const body: ActivationCompleteRequest = {
      token: this.token,
      newPassword: this.pw.newPassword,
      ...(i.mfa !== 'NONE' ? { code: normalizeCode(this.code) } : {}),
    };
    try {
      await firstValueFrom(this.http.post<void>(`${API}/auth/activation/complete`, body));
      this.pw.newPassword = this.pw.repeat = this.code = '';
      this.token = null;
      this.info.set(null);
      this.state.set('done');
    } catch (e) {
      if (e instanceof HttpErrorResponse && e.status === 429) {
        this.failure.set(t('activate.tooMany'));
        return;
      }
      const problems = fieldProblems(e);
      if (problems['token']) return this.state.set('invalid');
      const fields = passwordChangeErrors(e, (k) => this.i18n.t(k), this.i18n.language());
      const out: Record<string, string> = {};
      if (fields['newPassword']) out['newPassword'] = fields['newPassword'];
      if (problems['code']) out['code'] = t('activate.wrongCode');
      this.code = '';
      this.errors.set(out);
      this.failure.set(Object.keys(out).length ? t('activate.fix') : t('activate.failed'));
    } finally {
      this.busy.set(false);
    }
  }
}
