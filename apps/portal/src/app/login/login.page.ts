import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router } from '@angular/router';
import { MFA_CODE_DIGITS } from '@ctms/domain';
import { map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { isCodeShaped, mfaStepError, normalizeCode } from '../core/auth/mfa';
import { LanguageSwitch } from '../core/i18n/language-switch';
import { PasswordField, TranslatePipe, type PasswordSpec, type TranslationKey } from '@ctms/ui';

function codeShape(c: AbstractControl<string>): ValidationErrors | null {
  return !c.value || isCodeShaped(c.value) ? null : { code: true };
}

@Component({
  selector: 'app-login-page',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    LanguageSwitch,
    PasswordField,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly digits = MFA_CODE_DIGITS;
  protected readonly form = this.fb.group({
    username: ['', [Validators.required]],
    password: ['', [Validators.required]],
  });
  protected readonly passwordField: PasswordSpec = {
    label: 'login.password',
    testid: 'login-password',
    invalidText: 'login.passwordRequired',
  };
  protected readonly codeForm = this.fb.group({
    code: ['', [Validators.required, codeShape]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  /** The challenge of a right password: in this component only (never a URL, never storage). */
  protected readonly mfaToken = signal<string | null>(null);
  private challengedAt = 0;
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly usernameInput = viewChild<ElementRef<HTMLInputElement>>('usernameInput');
  protected readonly sessionEnded = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((q) => q.has('ended'))), {
    initialValue: false,
  });

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    const { username, password } = this.form.getRawValue();
    try {
      const outcome = await this.auth.login(username.trim(), password);
      if (outcome.kind === 'mfa') {
        // the password has done its part: it is not kept for the code step
        this.form.controls.password.reset();
        this.codeForm.reset();
        this.challengedAt = Date.now();
        this.mfaToken.set(outcome.mfaToken);
        this.focus(this.codeInput);
        return;
      }
      await this.router.navigateByUrl('/');
    } catch (e) {
      this.error.set(this.messageFor(e));
      this.form.controls.password.reset();
    } finally {
      this.submitting.set(false);
    }
  }

  protected async submitCode(): Promise<void> {
    const token = this.mfaToken();
    if (this.submitting() || !token) return;
    if (this.codeForm.invalid) {
      this.codeForm.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      await this.auth.verifyMfa(token, normalizeCode(this.codeForm.getRawValue().code));
      this.mfaToken.set(null);
      await this.router.navigateByUrl('/');
    } catch (e) {
      const { key, restart } = mfaStepError(e, Date.now() - this.challengedAt);
      this.codeForm.reset();
      if (restart) this.backToPassword();
      else this.focus(this.codeInput);
      this.error.set(key);
    } finally {
      this.submitting.set(false);
    }
  }

  /** Leaves the code step: the challenge is forgotten, the user signs in again (perhaps as someone else). */
  protected backToPassword(): void {
    this.mfaToken.set(null);
    this.challengedAt = 0;
    this.codeForm.reset();
    this.form.controls.password.reset();
    this.error.set(null);
    this.focus(this.usernameInput);
  }

  private focus(target: () => ElementRef<HTMLInputElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }

  private messageFor(e: unknown): TranslationKey {
    if (e instanceof HttpErrorResponse) {
      if (e.status === 401 || e.status === 400) return 'login.invalid';
      if (e.status === 429) return 'login.tooMany';
    }
    return 'login.unavailable';
  }
}
