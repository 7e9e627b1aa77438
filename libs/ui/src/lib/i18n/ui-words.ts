/**
 * The words of libs/ui's own components (date boxes, pickers, chips, the error summary) and of the
 * error description every page uses, in English and Lao. Registered with the translation service
 * before any page (`provideTranslations(UI_WORDS)` in the app's providers).
 */
export const uiEn = {
  'date.day': 'Day',
  'date.month': 'Month',
  'date.year': 'Year',
  'date.time': 'Time (24 h)',
  'date.partialHint': 'If only the year, or the month and year, are known, leave the rest empty.',
  'date.err.DATE_INCOMPLETE': 'Enter the day, the month and the year (and the time).',
  'date.err.DATE_INVALID': 'This date does not exist: check the day, the month and the year (4 digits).',
  'date.err.DATE_FUTURE': 'The date cannot be in the future.',
  'date.err.TIME_INVALID': 'Enter the time as hours and minutes, e.g. 14:30.',
  'picker.hint': 'Type a few letters in Lao or English, then choose.',
  'picker.none': 'Nothing matches what you typed.',
  'picker.remove': 'Remove {name}',
  'chips.hint': 'Press Enter or a comma after each one.',
  'errors.title': 'There is a problem',
  'cases.err.failed': 'Something went wrong. Try again.',
  'cases.err.unavailable': 'The server could not be reached. Try again in a moment.',
  'cases.err.stale': 'Someone else changed this case while you were working. The latest version is now shown: check it and make your change again.',
  'cases.err.invalid': 'Some values were not accepted. Check the marked fields.',
  'cases.err.field': 'This value was not accepted.',
  'cases.err.forbidden': 'You are not allowed to do this.',
  'cases.err.notFound': 'This case does not exist or you may not open it.',
  'cases.err.conflict': 'This action was refused ({code}).',
};

export const uiLo: Record<keyof typeof uiEn, string> = {
  'date.day': 'ວັນ',
  'date.month': 'ເດືອນ',
  'date.year': 'ປີ',
  'date.time': 'ເວລາ (24 ຊົ່ວໂມງ)',
  'date.partialHint': 'ຖ້າຮູ້ແຕ່ປີ, ຫຼື ເດືອນ ແລະ ປີ, ໃຫ້ປະຫວ່າງສ່ວນທີ່ເຫຼືອ.',
  'date.err.DATE_INCOMPLETE': 'ກະລຸນາປ້ອນວັນ, ເດືອນ ແລະ ປີ (ແລະ ເວລາ).',
  'date.err.DATE_INVALID': 'ວັນທີນີ້ບໍ່ມີແທ້: ກະລຸນາກວດວັນ, ເດືອນ ແລະ ປີ (4 ຕົວເລກ).',
  'date.err.DATE_FUTURE': 'ວັນທີບໍ່ສາມາດເປັນອະນາຄົດໄດ້.',
  'date.err.TIME_INVALID': 'ກະລຸນາປ້ອນເວລາເປັນຊົ່ວໂມງ ແລະ ນາທີ, ເຊັ່ນ 14:30.',
  'picker.hint': 'ພິມສອງສາມຕົວອັກສອນເປັນພາສາລາວ ຫຼື ອັງກິດ, ແລ້ວເລືອກ.',
  'picker.none': 'ບໍ່ມີລາຍການທີ່ກົງກັບສິ່ງທີ່ທ່ານພິມ.',
  'picker.remove': 'ເອົາ {name} ອອກ',
  'chips.hint': 'ກົດ Enter ຫຼື ຈຸດ (,) ຫຼັງແຕ່ລະອັນ.',
  'errors.title': 'ມີບັນຫາ',
  'cases.err.failed': 'ມີບາງຢ່າງຜິດພາດ. ກະລຸນາລອງໃໝ່.',
  'cases.err.unavailable': 'ບໍ່ສາມາດເຊື່ອມຕໍ່ກັບເຊີບເວີໄດ້. ກະລຸນາລອງໃໝ່ອີກຄັ້ງ.',
  'cases.err.stale': 'ມີຄົນອື່ນປ່ຽນແປງກໍລະນີນີ້ ໃນຂະນະທີ່ທ່ານກຳລັງເຮັດວຽກ. ຕອນນີ້ສະແດງສະບັບຫຼ້າສຸດແລ້ວ: ກະລຸນາກວດເບິ່ງ ແລ້ວປ່ຽນແປງອີກຄັ້ງ.',
  'cases.err.invalid': 'ບາງຂໍ້ມູນບໍ່ຖືກຮັບ. ກະລຸນາກວດເບິ່ງຊ່ອງທີ່ໝາຍໄວ້.',
  'cases.err.field': 'ຂໍ້ມູນນີ້ບໍ່ຖືກຮັບ.',
  'cases.err.forbidden': 'ທ່ານບໍ່ມີສິດເຮັດສິ່ງນີ້.',
  'cases.err.notFound': 'ບໍ່ມີກໍລະນີນີ້ ຫຼື ທ່ານບໍ່ມີສິດເປີດເບິ່ງ.',
  'cases.err.conflict': 'ການດຳເນີນການນີ້ຖືກປະຕິເສດ ({code}).',
};

export const UI_WORDS = { en: uiEn, lo: uiLo } as const;
