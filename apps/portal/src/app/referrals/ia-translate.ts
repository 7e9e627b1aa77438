import { Pipe, PipeTransform, inject } from '@angular/core';
import { interagencyEn, interagencyLo } from '../core/i18n/dict-interagency';
import { I18n } from '@ctms/ui';

/**
 * The words of the referral, handoff and audit screens live in their own dictionary, loaded with
 * those (lazy) screens rather than with the initial bundle; the language is the portal's.
 */
export type IaKey = keyof typeof interagencyEn;

export function iaT(i18n: I18n, key: IaKey, params?: Readonly<Record<string, string | number>>): string {
  const text = (i18n.language() === 'lo' ? interagencyLo : interagencyEn)[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** `{{ 'ref.title' | ia }}`: impure like `t`, it follows the language signal. */
@Pipe({ name: 'ia', pure: false })
export class IaPipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: IaKey, params?: Readonly<Record<string, string | number>>): string {
    return iaT(this.i18n, key, params);
  }
}
