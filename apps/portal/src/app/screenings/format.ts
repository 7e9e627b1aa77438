import type { Language } from '@ctms/domain';

/*
 * Dates in Lao time (UTC+07:00 all year), written out by hand: the browser's Intl data does not
 * always carry Lao (Chromium falls back to English), and every date must read in Lao.
 */
const MONTHS: Record<Language, readonly string[]> = {
  lo: ['ມັງກອນ', 'ກຸມພາ', 'ມີນາ', 'ເມສາ', 'ພຶດສະພາ', 'ມິຖຸນາ', 'ກໍລະກົດ', 'ສິງຫາ', 'ກັນຍາ', 'ຕຸລາ', 'ພະຈິກ', 'ທັນວາ'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const LAO_OFFSET_MS = 7 * 3_600_000;

function day(y: number, m: number, d: number, lang: Language): string {
  return `${d} ${MONTHS[lang][m] ?? ''} ${y}`;
}

/** An instant as '29 ພະຈິກ 2026, 04:33' / '29 November 2026, 04:33' (Lao time). */
export function formatDateTime(iso: unknown, lang: Language): string {
  if (typeof iso !== 'string') return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t + LAO_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${day(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), lang)}, ${hh}:${mm}`;
}

/** A calendar date 'YYYY-MM-DD' (no zone shift). */
export function formatDate(value: unknown, lang: Language): string {
  if (typeof value !== 'string') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? day(Number(m[1]), Number(m[2]) - 1, Number(m[3]), lang) : value;
}
