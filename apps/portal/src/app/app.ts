import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { NavProgress } from './core/layout/nav-progress';
import { TranslatePipe } from '@ctms/ui';

@Component({
  imports: [RouterOutlet, TranslatePipe],
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (progress.active()) {
      <div
        class="nav-progress"
        role="progressbar"
        data-testid="nav-progress"
        [attr.aria-label]="'app.loading' | t"
      ></div>
    }
    <router-outlet />
  `,
  styles: `
    :host {
      display: block;
      height: 100%;
    }
    .nav-progress {
      position: fixed;
      inset: 0 0 auto 0;
      z-index: 10000;
      height: 3px;
      overflow: hidden;
      pointer-events: none;
      background: color-mix(in srgb, var(--mat-sys-primary) 25%, transparent);
      /* a quick navigation never flashes the bar */
      opacity: 0;
      animation: nav-progress-show 0s linear 150ms forwards;
    }
    .nav-progress::after {
      content: '';
      position: absolute;
      inset: 0;
      width: 40%;
      background: var(--mat-sys-primary);
      animation: nav-progress-slide 1.2s ease-in-out infinite;
    }
    @keyframes nav-progress-show {
      to {
        opacity: 1;
      }
    }
    @keyframes nav-progress-slide {
      from {
        transform: translateX(-100%);
      }
      to {
        transform: translateX(250%);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .nav-progress::after {
        animation: none;
        width: 100%;
      }
    }
  `,
})
export class App {
  protected readonly progress = inject(NavProgress);
}
