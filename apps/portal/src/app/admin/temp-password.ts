import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslatePipe } from '../core/i18n/translate.pipe';

/**
 * A one-time temporary password, shown once: the API never gives it again. The administrator
 * copies it and hands it over; the user must change it at first sign-in.
 */
@Component({
  selector: 'app-temp-password',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="once" role="alert" data-testid="temp-password-panel">
      <h2 class="title">{{ 'admin.temp.title' | t: { username: username() } }}</h2>
      <p class="warn">{{ 'admin.temp.warning' | t }}</p>
      <p>
        <code class="pw" data-testid="temp-password" lang="en" translate="no">{{ password() }}</code>
      </p>
      <div class="buttons">
        <button mat-stroked-button type="button" data-testid="temp-password-copy" (click)="copy()">{{ 'admin.temp.copy' | t }}</button>
        <button mat-flat-button type="button" data-testid="temp-password-done" (click)="done.emit()">{{ 'admin.temp.done' | t }}</button>
      </div>
      <p aria-live="polite" class="copied">
        @if (copied() === 'ok') {
          {{ 'admin.temp.copied' | t }}
        } @else if (copied() === 'failed') {
          {{ 'admin.temp.copyFailed' | t }}
        }
      </p>
    </section>
  `,
  styles: `
    .once { border: 2px solid var(--mat-sys-error); border-radius: 12px; padding: 12px 16px; margin: 12px 0; background: var(--mat-sys-surface-container-low); }
    .title { font: var(--mat-sys-title-medium); margin: 0 0 8px; }
    .warn { color: var(--mat-sys-error); font-weight: 500; }
    .pw { font-size: 1.25rem; padding: 4px 8px; background: var(--mat-sys-surface-container-highest); border-radius: 4px; user-select: all; word-break: break-all; }
    .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
    .copied { min-height: 1.6em; margin: 8px 0 0; }
  `,
})
export class TempPassword {
  readonly password = input.required<string>();
  readonly username = input<string>('');
  readonly done = output<void>();
  protected readonly copied = signal<'ok' | 'failed' | null>(null);

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.password());
      this.copied.set('ok');
    } catch {
      this.copied.set('failed');
    }
  }
}
