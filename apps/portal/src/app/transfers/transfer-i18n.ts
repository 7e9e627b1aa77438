/**
 * Words of the case-transfer screens (the request dialog on the case page, the inbox and one
 * transfer), loaded with those lazy screens. Codes (statuses, kinds, reasons) are labelled by
 * libs/domain (TRANSFER_*_LABELS, DECLINE_REASON_LABELS).
 */
export const transferEn = {
  'tr.title': 'Case transfers',
  'tr.boxes': 'Transfer boxes',
  'tr.incoming': 'Asked of us',
  'tr.outgoing': 'Asked by us',
  'tr.masked': 'Transfers show the case number only; open the case for the rest.',
  'tr.loading': 'Loading…',
  'tr.empty': 'No transfers.',
  'tr.count': '{count} transfers, what is due first',
  'tr.case': 'Case',
  'tr.kind': 'Kind',
  'tr.from': 'From',
  'tr.to': 'To',
  'tr.status': 'Status',
  'tr.due': 'Answer by',
  'tr.overdue': 'Overdue since {date}',
  'tr.answered': 'Answered',
  'tr.reason': 'Why the case moves',
  'tr.categories': 'What goes with it',
  'tr.formerLead': 'The former lead agency',
  'tr.assignedTo': 'Assigned to',
  'tr.declineReason': 'Decline reason',
  'tr.note': 'Note',
  'tr.open': 'Open the case',
  'tr.accept': 'Accept and assign',
  'tr.decline': 'Decline',
  'tr.cancel': 'Cancel the transfer',
  'tr.cancelReason': 'Why it is cancelled',
  'tr.done': 'Saved.',
  'tr.failed': 'Not saved: {reason}',
  'tr.request': 'Transfer the case',
  'tr.dialog.title': 'Transfer case {number}',
  'tr.dialog.hint':
    "Another agency, or another province's office of this agency, takes the case over once its supervisor accepts.",
  'tr.dialog.agency': 'Receiving agency',
  'tr.dialog.province': "Receiving province's office",
  'tr.dialog.urgency': 'Urgency',
  'tr.dialog.categories': 'Data that goes with a transfer to another agency (each needs an active consent for it)',
  'tr.dialog.send': 'Send the request',
  'tr.dialog.close': 'Close',
  'tr.dialog.sent': 'The transfer was requested.',
} as const;

export type TrKey = keyof typeof transferEn;

export const transferLo: Record<TrKey, string> = {
  'tr.title': 'ການໂອນກໍລະນີ',
  'tr.boxes': 'ກ່ອງການໂອນ',
  'tr.incoming': 'ຂໍມາຫາພວກເຮົາ',
  'tr.outgoing': 'ພວກເຮົາຂໍໄປ',
  'tr.masked': 'ການໂອນສະແດງແຕ່ເລກກໍລະນີ; ເປີດກໍລະນີເພື່ອເບິ່ງລາຍລະອຽດ.',
  'tr.loading': 'ກຳລັງໂຫຼດ…',
  'tr.empty': 'ບໍ່ມີການໂອນ.',
  'tr.count': '{count} ການໂອນ, ອັນທີ່ຮອດກຳນົດກ່ອນຢູ່ເທິງ',
  'tr.case': 'ກໍລະນີ',
  'tr.kind': 'ປະເພດ',
  'tr.from': 'ຈາກ',
  'tr.to': 'ເຖິງ',
  'tr.status': 'ສະຖານະ',
  'tr.due': 'ຕອບພາຍໃນ',
  'tr.overdue': 'ກາຍກຳນົດແຕ່ {date}',
  'tr.answered': 'ຕອບແລ້ວ',
  'tr.reason': 'ເຫດຜົນທີ່ໂອນກໍລະນີ',
  'tr.categories': 'ຂໍ້ມູນທີ່ສົ່ງໄປນຳ',
  'tr.formerLead': 'ອົງການທີ່ຮັບຜິດຊອບເດີມ',
  'tr.assignedTo': 'ມອບໝາຍໃຫ້',
  'tr.declineReason': 'ເຫດຜົນການປະຕິເສດ',
  'tr.note': 'ບັນທຶກ',
  'tr.open': 'ເປີດກໍລະນີ',
  'tr.accept': 'ຮັບ ແລະ ມອບໝາຍ',
  'tr.decline': 'ປະຕິເສດ',
  'tr.cancel': 'ຍົກເລີກການໂອນ',
  'tr.cancelReason': 'ເຫດຜົນທີ່ຍົກເລີກ',
  'tr.done': 'ບັນທຶກແລ້ວ.',
  'tr.failed': 'ບໍ່ໄດ້ບັນທຶກ: {reason}',
  'tr.request': 'ໂອນກໍລະນີ',
  'tr.dialog.title': 'ໂອນກໍລະນີ {number}',
  'tr.dialog.hint': 'ອົງການອື່ນ ຫຼື ຫ້ອງການແຂວງອື່ນຂອງອົງການນີ້ ຈະຮັບຜິດຊອບກໍລະນີ ເມື່ອຫົວໜ້າຂອງເຂົາຮັບເອົາ.',
  'tr.dialog.agency': 'ອົງການທີ່ຮັບ',
  'tr.dialog.province': 'ຫ້ອງການແຂວງທີ່ຮັບ',
  'tr.dialog.urgency': 'ຄວາມຮີບດ່ວນ',
  'tr.dialog.categories': 'ຂໍ້ມູນທີ່ສົ່ງໄປນຳ ເມື່ອໂອນໃຫ້ອົງການອື່ນ (ແຕ່ລະອັນຕ້ອງມີການຍິນຍອມທີ່ຍັງມີຜົນ)',
  'tr.dialog.send': 'ສົ່ງຄຳຂໍ',
  'tr.dialog.close': 'ປິດ',
  'tr.dialog.sent': 'ໄດ້ຂໍໂອນກໍລະນີແລ້ວ.',
};

/** The chunk, registered with the transfer pages' routes and the case page's (its transfer dialog). */
export const TRANSFER_WORDS = { en: transferEn, lo: transferLo } as const;

declare module '@ctms/ui' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- adds these keys to the one translation key type
  interface TranslationKeys extends Record<TrKey, true> {}
}
