import type { Language } from '@ctms/domain';

/** Dates are shown in Lao time, in the UI language (Intl carries the Lao month names). */
const ZONE = 'Asia/Vientiane';
const LOCALE: Record<Language, string> = { lo: 'lo-LA', en: 'en-GB' };

export function formatDateTime(iso: unknown, lang: Language): string {
  if (typeof iso !== 'string') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }).format(d);
}

/** A calendar date 'YYYY-MM-DD' (no zone shift). */
export function formatDate(value: unknown, lang: Language): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return typeof value === 'string' ? value : '';
  const d = new Date(`${value}T00:00:00Z`);
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
