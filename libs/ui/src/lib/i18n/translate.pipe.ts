import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18n, type TranslationKey } from './i18n.service';

/**
 * `{{ 'login.title' | t }}`. Impure on purpose: the result depends on the language signal, not
 * only on the arguments, and the lookup is a plain property read.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: TranslationKey, params?: Readonly<Record<string, string | number>>): string {
    return this.i18n.t(key, params);
  }
}
