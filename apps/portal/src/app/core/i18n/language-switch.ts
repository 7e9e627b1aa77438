import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { isOneOf, LANGUAGES } from '@ctms/domain';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '@ctms/ui';

/**
 * ລາວ | English. Each option is written in its own language and script, with its own `lang`.
 * Signed in, the choice is saved on the profile; before sign-in it is remembered on this device.
 */
@Component({
  selector: 'app-language-switch',
  imports: [MatButtonToggleModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      data-testid="language-switch"
      hideSingleSelectionIndicator
      [attr.aria-label]="'lang.label' | t"
      [value]="i18n.language()"
      (change)="choose($event.value)"
    >
      <mat-button-toggle value="lo" lang="lo" data-testid="language-lo">{{ 'lang.lo' | t }}</mat-button-toggle>
      <mat-button-toggle value="en" lang="en" data-testid="language-en">{{ 'lang.en' | t }}</mat-button-toggle>
    </mat-button-toggle-group>
  `,
  styles: `
    :host {
      display: inline-flex;
      --mat-button-toggle-height: 36px;
      --mat-button-toggle-background-color: var(--mat-sys-surface);
      --mat-button-toggle-text-color: var(--mat-sys-on-surface);
      --mat-button-toggle-selected-state-background-color: var(--mat-sys-primary);
      --mat-button-toggle-selected-state-text-color: var(--mat-sys-on-primary);
    }
  `,
})
export class LanguageSwitch {
  protected readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);

  protected async choose(value: unknown): Promise<void> {
    if (!isOneOf(LANGUAGES, value)) return;
    const saved = await this.auth.setLanguage(value);
    if (!saved) this.snackBar.open(this.i18n.t('lang.saveFailed'), undefined, { duration: 8000 });
  }
}
