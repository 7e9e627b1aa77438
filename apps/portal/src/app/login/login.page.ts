import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import type { TranslationKey } from '../core/i18n/dictionaries';
import { LanguageSwitch } from '../core/i18n/language-switch';
import { TranslatePipe } from '../core/i18n/translate.pipe';

@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, LanguageSwitch, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
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
      await this.auth.login(username.trim(), password);
      await this.router.navigateByUrl('/');
    } catch (e) {
      this.error.set(this.messageFor(e));
      this.form.controls.password.reset();
    } finally {
      this.submitting.set(false);
    }
  }

  private messageFor(e: unknown): TranslationKey {
    if (e instanceof HttpErrorResponse) {
      if (e.status === 401 || e.status === 400) return 'login.invalid';
      if (e.status === 429) return 'login.tooMany';
    }
    return 'login.unavailable';
  }
}
