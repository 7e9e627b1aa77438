/**
 * Words of the case page's follow-up tab (issue 15 item 2, decision 0032): visits and contacts, the
 * reintegration assessment and its trend. The codes' labels (kinds, with whom, outcomes, items,
 * levels) are libs/domain's. Loaded with the case page.
 */
export const followUpEn = {
  'fu.tab': 'Follow-up',
  'fu.intro':
    'Visits and contacts after return, and the reintegration assessment at individual, household and community level. Each agency records and changes its own.',
  'fu.readOnly':
    'You read the follow-up of this case. Recording is for the assigned caseworker or a supervisor of the lead agency, and for agencies with an accepted referral.',
  'fu.loadMore': 'Show more',
  'fu.save': 'Save',
  'fu.by': 'by {who} ({agency})',

  'fu.visits.title': 'Visits and contacts',
  'fu.visits.empty': 'No visit recorded yet.',
  'fu.visits.record': 'Record a visit',
  'fu.visit.date': 'Date of the visit',
  'fu.visit.province': 'Province',
  'fu.visit.district': 'District',
  'fu.visit.kind': 'Kind of contact',
  'fu.visit.withWhom': 'With whom',
  'fu.visit.outcome': 'Outcome',
  'fu.visit.note': 'What happened (kept encrypted)',
  'fu.visit.next': 'Next visit due',
  'fu.visit.nextNone': 'No next visit planned',
  'fu.visit.overdue': 'Next visit overdue',
  'fu.saved.visit': 'The visit was recorded.',

  'fu.assess.title': 'Reintegration assessments',
  'fu.assess.empty': 'No assessment yet.',
  'fu.assess.record': 'Record an assessment',
  'fu.assess.date': 'Date of the assessment',
  'fu.assess.scale': '1 at serious risk … 4 doing well; leave an item not assessed if you could not assess it.',
  'fu.assess.notAssessed': 'Not assessed',
  'fu.assess.notes': 'Notes (kept encrypted)',
  'fu.saved.assessment': 'The assessment was recorded.',

  'fu.trend.title': 'Trend by level',
  'fu.trend.caption': 'Average score per level (1–4) at each assessment, and the change since the one before',
  'fu.trend.date': 'Date',
  'fu.trend.empty': 'The trend shows once an assessment is recorded.',
  'fu.trend.UP': 'better',
  'fu.trend.DOWN': 'worse',
  'fu.trend.SAME': 'unchanged',
};
export type FuKey = keyof typeof followUpEn;

export const followUpLo: Record<FuKey, string> = {
  'fu.tab': 'ການຕິດຕາມ',
  'fu.intro':
    'ການຢ້ຽມຢາມ ແລະ ການຕິດຕໍ່ຫຼັງການກັບຄືນ, ແລະ ການປະເມີນການເຊື່ອມໂຍງຄືນສູ່ສັງຄົມ ໃນລະດັບບຸກຄົນ, ຄອບຄົວ ແລະ ຊຸມຊົນ. ແຕ່ລະອົງການບັນທຶກ ແລະ ແກ້ໄຂສະເພາະຂອງຕົນ.',
  'fu.readOnly':
    'ທ່ານເບິ່ງການຕິດຕາມຂອງກໍລະນີນີ້ໄດ້. ຜູ້ບັນທຶກແມ່ນພະນັກງານທີ່ຮັບຜິດຊອບ ຫຼື ຫົວໜ້າຂອງອົງການນຳພາ, ແລະ ອົງການທີ່ຮັບການສົ່ງຕໍ່ແລ້ວ.',
  'fu.loadMore': 'ສະແດງຕື່ມ',
  'fu.save': 'ບັນທຶກ',
  'fu.by': 'ໂດຍ {who} ({agency})',

  'fu.visits.title': 'ການຢ້ຽມຢາມ ແລະ ການຕິດຕໍ່',
  'fu.visits.empty': 'ຍັງບໍ່ມີການຢ້ຽມຢາມ.',
  'fu.visits.record': 'ບັນທຶກການຢ້ຽມຢາມ',
  'fu.visit.date': 'ວັນທີຢ້ຽມຢາມ',
  'fu.visit.province': 'ແຂວງ',
  'fu.visit.district': 'ເມືອງ',
  'fu.visit.kind': 'ປະເພດການຕິດຕໍ່',
  'fu.visit.withWhom': 'ພົບກັບໃຜ',
  'fu.visit.outcome': 'ຜົນ',
  'fu.visit.note': 'ລາຍລະອຽດ (ເກັບແບບເຂົ້າລະຫັດ)',
  'fu.visit.next': 'ກຳນົດຢ້ຽມຢາມຄັ້ງຕໍ່ໄປ',
  'fu.visit.nextNone': 'ບໍ່ມີກຳນົດຢ້ຽມຢາມຄັ້ງຕໍ່ໄປ',
  'fu.visit.overdue': 'ກາຍກຳນົດຢ້ຽມຢາມແລ້ວ',
  'fu.saved.visit': 'ບັນທຶກການຢ້ຽມຢາມແລ້ວ.',

  'fu.assess.title': 'ການປະເມີນການເຊື່ອມໂຍງຄືນສູ່ສັງຄົມ',
  'fu.assess.empty': 'ຍັງບໍ່ມີການປະເມີນ.',
  'fu.assess.record': 'ບັນທຶກການປະເມີນ',
  'fu.assess.date': 'ວັນທີປະເມີນ',
  'fu.assess.scale': '1 ມີຄວາມສ່ຽງສູງ … 4 ດີ; ຖ້າປະເມີນບໍ່ໄດ້ ໃຫ້ເລືອກ "ບໍ່ໄດ້ປະເມີນ".',
  'fu.assess.notAssessed': 'ບໍ່ໄດ້ປະເມີນ',
  'fu.assess.notes': 'ບັນທຶກ (ເກັບແບບເຂົ້າລະຫັດ)',
  'fu.saved.assessment': 'ບັນທຶກການປະເມີນແລ້ວ.',

  'fu.trend.title': 'ແນວໂນ້ມຕາມລະດັບ',
  'fu.trend.caption': 'ຄະແນນສະເລ່ຍຂອງແຕ່ລະລະດັບ (1–4) ໃນແຕ່ລະຄັ້ງທີ່ປະເມີນ, ແລະ ການປ່ຽນແປງຈາກຄັ້ງກ່ອນ',
  'fu.trend.date': 'ວັນທີ',
  'fu.trend.empty': 'ແນວໂນ້ມຈະສະແດງເມື່ອມີການປະເມີນ.',
  'fu.trend.UP': 'ດີຂຶ້ນ',
  'fu.trend.DOWN': 'ຫຼຸດລົງ',
  'fu.trend.SAME': 'ຄືເກົ່າ',
};

/** The follow-up tab's words: registered by the case routes. */
export const FOLLOW_UP_WORDS = { en: followUpEn, lo: followUpLo } as const;

declare module '@ctms/ui' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- adds these keys to the one translation key type
  interface TranslationKeys extends Record<keyof typeof followUpEn, true> {}
}
