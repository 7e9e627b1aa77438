import { Pipe, PipeTransform, inject } from '@angular/core';
import { homeEn, homeLo, type HomeKey } from '../core/i18n/dict-home';
import { I18n } from '@ctms/ui';

export type { HomeKey };

/**
 * The words of the dashboard and the notifications page come from their own dictionary, loaded
 * with those (lazy) pages rather than with the initial bundle; the language is the portal's.
 */
export function homeT(i18n: I18n, key: HomeKey, params?: Readonly<Record<string, string | number>>): string {
  const text = (i18n.language() === 'lo' ? homeLo : homeEn)[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** `{{ 'dash.title' | hm }}`: impure like `t`, it follows the language signal. */
@Pipe({ name: 'hm', pure: false })
export class HomePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: HomeKey, params?: Readonly<Record<string, string | number>>): string {
    return homeT(this.i18n, key, params);
  }
}
