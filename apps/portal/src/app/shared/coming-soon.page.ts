import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { map } from 'rxjs';
import { TranslatePipe, type TranslationKey } from '@ctms/ui';

/** Placeholder for a part of the system not built yet; the route still carries its permission guard. */
@Component({
  selector: 'app-coming-soon',
  imports: [RouterLink, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" data-testid="coming-soon">
      @if (titleKey(); as key) {
        <h1 class="page-title">{{ key | t }}</h1>
      }
      <h2 class="soon">{{ 'soon.title' | t }}</h2>
      <p>{{ 'soon.body' | t }}</p>
      <a mat-stroked-button routerLink="/">{{ 'soon.back' | t }}</a>
    </section>
  `,
  styles: `
    .soon {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
  `,
})
export class ComingSoonPage {
  protected readonly titleKey = toSignal(
    inject(ActivatedRoute).data.pipe(map((d) => (d['titleKey'] as TranslationKey | undefined) ?? null)),
    { initialValue: null },
  );
}
