import { provinceByCode, todayInLaos } from '@ctms/domain';

/** The year in Laos. */
export function yearInLaos(now = new Date()): number {
  return Number(todayInLaos(now).slice(0, 4));
}

/** `VT-2026-00042`: the ISO 3166-2 suffix of the province, the year, the sequence (never a name). */
export function formatCaseNumber(provinceCode: string, year: number, sequence: number): string {
  const province = provinceByCode(provinceCode);
  if (!province) throw new Error(`unknown province code ${provinceCode}`);
  const suffix = province.iso.split('-')[1] ?? province.iso;
  return `${suffix}-${year}-${String(sequence).padStart(5, '0')}`;
}
