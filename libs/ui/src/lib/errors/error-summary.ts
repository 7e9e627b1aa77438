import { ChangeDetectionStrategy, Component, ElementRef, effect, inject, input, output } from '@angular/core';
import { TranslatePipe } from '../i18n/translate.pipe';

export interface ErrorItem {
  /** the field's path ('bioData.dateOfBirth'): the page opens its part and focuses it */
  field: string;
  text: string;
}

/**
 * GOV.UK's error summary: at the top of a form, a list of every problem, each a link that takes the
 * user to the field. It takes focus when it first appears (so a screen reader reads it) unless told
 * not to; `go` names the field chosen, and the page opens its step and focuses it.
 */
@Component({
  selector: 'app-error-summary',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (items().length) {
      <div class="summary" role="alert" tabindex="-1" data-testid="error-summary" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title" class="title">{{ title() || ('errors.title' | t) }}</h2>
        <ul>
          @for (e of items(); track e.field + e.text) {
            <li>
              <a
                [href]="'#' + anchor(e.field)"
                (click)="choose($event, e.field)"
                [attr.data-testid]="'error-link-' + anchor(e.field)"
                >{{ e.text }}</a
              >
            </li>
          }
        </ul>
      </div>
    }
  `,
  styles: `
    .summary {
      border: 4px solid var(--mat-sys-error);
      padding: 12px 16px;
      margin: 0 0 16px;
      background: var(--mat-sys-surface);
    }
    .summary:focus {
      outline: 3px solid #ffdd00;
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    ul {
      margin: 0;
      padding-left: 20px;
    }
    a {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
})
export class ErrorSummary {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly items = input<readonly ErrorItem[]>([]);
  readonly title = input<string>('');
  /** move focus to the summary when it appears (after a submit, not while typing) */
  readonly focusOnShow = input(false);
  readonly go = output<string>();
  private shown = false;

  constructor() {
    effect(() => {
      const has = this.items().length > 0;
      if (has && !this.shown && this.focusOnShow())
        queueMicrotask(() => this.host.nativeElement.querySelector<HTMLElement>('.summary')?.focus());
      this.shown = has;
    });
  }

  protected anchor(field: string): string {
    return fieldElementId(field);
  }

  protected choose(event: Event, field: string): void {
    event.preventDefault();
    this.go.emit(field);
  }
}

/** The element id of a form field by its path: 'bioData.documents.0.number' → 'f-bioData-documents-0-number'. */
export function fieldElementId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/**
 * Focuses the field with this path once it is on the page (its step may still be opening): polls
 * each animation frame for up to a second, then scrolls it into view.
 */
export function focusField(path: string, doc: Document = document): void {
  const id = fieldElementId(path);
  let tries = 0;
  const attempt = () => {
    const el = doc.getElementById(id) ?? doc.querySelector<HTMLElement>(`[data-field="${path}"]`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      (el.matches('input, select, textarea, button, [tabindex]')
        ? el
        : (el.querySelector<HTMLElement>('input, textarea, button, [tabindex]') ?? el)
      ).focus();
      return;
    }
    if (++tries < 60) requestAnimationFrame(attempt);
  };
  attempt();
}
