import type { Language } from '@ctms/domain';

/** The words of the referral's shared work panel (notes, reassignment, services clock, print): Lao first. */
export const REFERRAL_WORK_WORDS = {
  'rw.title': { lo: 'ວຽກຮ່ວມກັນຂອງທັງສອງອົງການ', en: 'Work shared by both agencies' },
  'rw.servicesDue': { lo: 'ກຳນົດໃຫ້ບໍລິການ', en: 'Services due by' },
  'rw.servicesDue.left': { lo: 'ຍັງເຫຼືອ {h} ຊົ່ວໂມງ {m} ນາທີ', en: '{h} h {m} min left' },
  'rw.servicesDue.overdue': { lo: 'ກາຍກຳນົດ {h} ຊົ່ວໂມງ {m} ນາທີ', en: 'Overdue by {h} h {m} min' },
  'rw.servicesDue.done': { lo: 'ເລີ່ມໃຫ້ບໍລິການແລ້ວ', en: 'Services started' },
  'rw.servicesDue.none': { lo: 'ເລີ່ມນັບເມື່ອຮັບການສົ່ງຕໍ່', en: 'Starts when the referral is accepted' },
  'rw.print': { lo: 'ພິມໃບສົ່ງຕໍ່ (PDF)', en: 'Print the referral (PDF)' },
  'rw.printHint': {
    lo: 'ມີແຕ່ຂໍ້ມູນທີ່ຜູ້ຖືກເຄາະຮ້າຍຍິນຍອມໃຫ້ແບ່ງປັນ. ການພິມຖືກບັນທຶກໄວ້.',
    en: 'Only the data the victim consented to share. Printing is recorded.',
  },
  'rw.reassign': { lo: 'ມອບໝາຍພະນັກງານໃໝ່', en: 'Reassign the worker' },
  'rw.reassign.submit': { lo: 'ມອບໝາຍ', en: 'Reassign' },
  'rw.reassign.done': { lo: 'ມອບໝາຍແລ້ວ', en: 'Reassigned' },
  'rw.notes': { lo: 'ບັນທຶກລະຫວ່າງອົງການ', en: 'Notes between the agencies' },
  'rw.notes.empty': { lo: 'ຍັງບໍ່ມີບັນທຶກ', en: 'No notes yet' },
  'rw.notes.new': { lo: 'ບັນທຶກໃໝ່', en: 'New note' },
  'rw.notes.hint': { lo: 'ທັງສອງອົງການອ່ານໄດ້. ບັນທຶກແບບເຂົ້າລະຫັດ.', en: 'Both agencies read it. Stored encrypted.' },
  'rw.notes.submit': { lo: 'ສົ່ງບັນທຶກ', en: 'Send the note' },
  'rw.cancel': { lo: 'ຍົກເລີກ', en: 'Cancel' },
  'rw.failed': { lo: 'ບໍ່ສຳເລັດ', en: 'It did not work' },
} as const satisfies Record<string, { lo: string; en: string }>;

export type ReferralWorkKey = keyof typeof REFERRAL_WORK_WORDS;

export function rwT(lang: Language, key: ReferralWorkKey, params?: Readonly<Record<string, string | number>>): string {
  const text = REFERRAL_WORK_WORDS[key][lang === 'lo' ? 'lo' : 'en'];
  return params
    ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
    : text;
}
