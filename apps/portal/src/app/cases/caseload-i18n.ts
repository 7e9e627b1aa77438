/**
 * Words of the supervisors' caseload page (issue 15 item 5), loaded with that lazy page only. Lao
 * first in the portal; both languages here.
 */
export const caseloadEn = {
  'cl.title': 'Caseload',
  'cl.intro':
    'Who carries which cases and what is due, in your agency and your provinces. Open a worker to see their cases, select some and reassign them with a reason.',
  'cl.loading': 'Loading the caseload…',
  'cl.workers': 'Workers',
  'cl.worker': 'Worker',
  'cl.roles': 'Roles',
  'cl.activeCases': 'Open cases',
  'cl.openItems': 'Open items',
  'cl.overdueItems': 'Overdue',
  'cl.actions': 'Actions',
  'cl.unassigned': 'Nobody (unassigned or disabled)',
  'cl.show': 'Show cases',
  'cl.showOf': 'Show the cases of {name}',
  'cl.casesOf': 'Open cases of {name}',
  'cl.casesCaption': 'Open cases',
  'cl.case': 'Case number',
  'cl.status': 'Status',
  'cl.province': 'Province',
  'cl.updated': 'Updated',
  'cl.select': 'Select',
  'cl.selectCase': 'Select case {caseNumber}',
  'cl.selectAll': 'Select all shown',
  'cl.selected': '{count} selected',
  'cl.noCases': 'No open case.',
  'cl.reassign': 'Reassign the selected cases',
  'cl.reassignTitle': 'Reassign {count} cases',
  'cl.reassignMessage': 'The new worker is told once. Each case records the change and your reason in its history.',
  'cl.reassignConfirm': 'Reassign',
  'cl.reasonHint': 'For example: the worker is on leave until March.',
  'cl.done': '{count} cases reassigned.',
  'cl.max': 'At most {max} cases at a time.',
} as const;

export type CaseloadKey = keyof typeof caseloadEn;

export const caseloadLo: Record<CaseloadKey, string> = {
  'cl.title': 'ພາລະວຽກ',
  'cl.intro':
    'ໃຜຮັບຜິດຊອບກໍລະນີໃດ ແລະ ມີວຽກຫຍັງຕ້ອງເຮັດ ໃນອົງການ ແລະ ແຂວງຂອງທ່ານ. ເປີດພະນັກງານເພື່ອເບິ່ງກໍລະນີ, ເລືອກ ແລະ ມອບໝາຍຄືນພ້ອມເຫດຜົນ.',
  'cl.loading': 'ກຳລັງໂຫຼດພາລະວຽກ…',
  'cl.workers': 'ພະນັກງານ',
  'cl.worker': 'ພະນັກງານ',
  'cl.roles': 'ບົດບາດ',
  'cl.activeCases': 'ກໍລະນີທີ່ເປີດຢູ່',
  'cl.openItems': 'ວຽກທີ່ຄ້າງ',
  'cl.overdueItems': 'ກາຍກຳນົດ',
  'cl.actions': 'ການດຳເນີນການ',
  'cl.unassigned': 'ບໍ່ມີຜູ້ຮັບຜິດຊອບ (ບໍ່ໄດ້ມອບໝາຍ ຫຼື ຖືກປິດບັນຊີ)',
  'cl.show': 'ເບິ່ງກໍລະນີ',
  'cl.showOf': 'ເບິ່ງກໍລະນີຂອງ {name}',
  'cl.casesOf': 'ກໍລະນີທີ່ເປີດຢູ່ຂອງ {name}',
  'cl.casesCaption': 'ກໍລະນີທີ່ເປີດຢູ່',
  'cl.case': 'ເລກກໍລະນີ',
  'cl.status': 'ສະຖານະ',
  'cl.province': 'ແຂວງ',
  'cl.updated': 'ປັບປຸງລ່າສຸດ',
  'cl.select': 'ເລືອກ',
  'cl.selectCase': 'ເລືອກກໍລະນີ {caseNumber}',
  'cl.selectAll': 'ເລືອກທັງໝົດທີ່ສະແດງ',
  'cl.selected': 'ເລືອກແລ້ວ {count}',
  'cl.noCases': 'ບໍ່ມີກໍລະນີທີ່ເປີດຢູ່.',
  'cl.reassign': 'ມອບໝາຍກໍລະນີທີ່ເລືອກຄືນ',
  'cl.reassignTitle': 'ມອບໝາຍ {count} ກໍລະນີຄືນ',
  'cl.reassignMessage':
    'ພະນັກງານຄົນໃໝ່ຈະໄດ້ຮັບແຈ້ງເຕືອນເທື່ອດຽວ. ແຕ່ລະກໍລະນີຈະບັນທຶກການປ່ຽນແປງ ແລະ ເຫດຜົນຂອງທ່ານໄວ້ໃນປະຫວັດ.',
  'cl.reassignConfirm': 'ມອບໝາຍຄືນ',
  'cl.reasonHint': 'ຕົວຢ່າງ: ພະນັກງານລາພັກຈົນຮອດເດືອນມີນາ.',
  'cl.done': 'ມອບໝາຍຄືນແລ້ວ {count} ກໍລະນີ.',
  'cl.max': 'ບໍ່ເກີນ {max} ກໍລະນີຕໍ່ເທື່ອ.',
};

/** The caseload page's words: registered by its lazy route (app.routes.ts). */
export const CASELOAD_WORDS = { en: caseloadEn, lo: caseloadLo } as const;

declare module '@ctms/ui' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- adds these keys to the one translation key type
  interface TranslationKeys extends Record<keyof typeof caseloadEn, true> {}
}
