/**
 * Every notification kind with its words in Lao and English: the e-mail subject and body are made
 * of these, the case number and a link, and nothing else (no names, no narratives).
 */
export const NOTIFICATION_KINDS = {
  'referral.received': { lo: 'ໄດ້ຮັບການສົ່ງຕໍ່ກໍລະນີໃໝ່', en: 'New referral received' },
  'referral.accepted': { lo: 'ການສົ່ງຕໍ່ໄດ້ຮັບການຮັບເອົາ', en: 'Referral accepted' },
  'referral.declined': { lo: 'ການສົ່ງຕໍ່ຖືກປະຕິເສດ', en: 'Referral declined' },
  'referral.completed': { lo: 'ການສົ່ງຕໍ່ສໍາເລັດແລ້ວ', en: 'Referral completed' },
  'referral.cancelled': { lo: 'ການສົ່ງຕໍ່ຖືກຍົກເລີກ', en: 'Referral cancelled' },
  'transfer.requested': { lo: 'ມີການຂໍໂອນກໍລະນີມາໃຫ້ທ່ານຮັບຜິດຊອບ', en: 'A case transfer awaits your answer' },
  'transfer.accepted': { lo: 'ການໂອນກໍລະນີໄດ້ຮັບການຮັບເອົາ', en: 'Case transfer accepted' },
  'transfer.declined': { lo: 'ການໂອນກໍລະນີຖືກປະຕິເສດ', en: 'Case transfer declined' },
  'transfer.cancelled': { lo: 'ການໂອນກໍລະນີຖືກຍົກເລີກ', en: 'Case transfer cancelled' },
  'case.assigned': { lo: 'ທ່ານໄດ້ຮັບມອບໝາຍກໍລະນີ', en: 'Cases were assigned to you' },
  'referral.reassigned': { lo: 'ທ່ານໄດ້ຮັບມອບໝາຍການສົ່ງຕໍ່', en: 'A referral was assigned to you' },
  'referral.note_added': { lo: 'ມີບັນທຶກໃໝ່ໃນການສົ່ງຕໍ່', en: 'New note on a referral' },
  'handoff.received': { lo: 'ໄດ້ຮັບສໍານວນຄະດີເພື່ອດໍາເນີນຄະດີ', en: 'Case handed over for prosecution' },
  'handoff.returned': { lo: 'ສໍານວນຄະດີຖືກສົ່ງຄືນ', en: 'Prosecution handoff returned' },
  'handoff.decided': { lo: 'ສານໄດ້ຕັດສິນຄະດີແລ້ວ', en: 'Verdict recorded' },
  'screening.returned': { lo: 'ການຄັດກອງຖືກສົ່ງຄືນເພື່ອແກ້ໄຂ', en: 'Screening returned for changes' },
  'screening.approved': { lo: 'ການຄັດກອງໄດ້ຮັບການອະນຸມັດ', en: 'Screening approved' },
  'consent.withdrawn': {
    lo: 'ການຍິນຍອມຖືກຖອນ: ຢຸດໃຊ້ຂໍ້ມູນທີ່ໄດ້ຮັບພາຍໃຕ້ການຍິນຍອມນີ້',
    en: 'Consent withdrawn: stop using data received under it',
  },
  'identification.requested': {
    lo: 'ມີກໍລະນີສົ່ງມາເພື່ອກຳນົດຕົວຕົນຜູ້ຖືກເຄາະຮ້າຍ',
    en: 'A case was sent for formal identification',
  },
  'identification.decided': { lo: 'ການກຳນົດຕົວຕົນໄດ້ຮັບການຕັດສິນແລ້ວ', en: 'The formal identification was decided' },
  'family_tracing.requested': {
    lo: 'ມີຄຳຮ້ອງຂໍຊອກຫາ ແລະ ປະເມີນຄອບຄົວສົ່ງມາຫາທ່ານ',
    en: 'A family tracing and assessment request awaits your answer',
  },
  'family_tracing.answered': { lo: 'ຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວໄດ້ຮັບຄຳຕອບແລ້ວ', en: 'A family tracing request was answered' },
  'family_tracing.declined': { lo: 'ຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວຖືກປະຕິເສດ', en: 'A family tracing request was declined' },
  'family_tracing.withdrawn': { lo: 'ຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວຖືກຖອນ', en: 'A family tracing request was withdrawn' },
  'closure.requested': { lo: 'ມີຄຳຮ້ອງຂໍປິດກໍລະນີລໍຖ້າການອະນຸມັດ', en: 'A closure request waits for approval' },
  'closure.decided': { lo: 'ຄຳຮ້ອງຂໍປິດກໍລະນີໄດ້ຮັບການຕັດສິນແລ້ວ', en: 'Your closure request was decided' },
  'sla.reminder': { lo: 'ໃກ້ຮອດກໍານົດເວລາ', en: 'Deadline approaching' },
  'sla.breach': { lo: 'ກາຍກໍານົດເວລາແລ້ວ', en: 'Deadline missed' },
  'plan.task_overdue': { lo: 'ວຽກໃນແຜນຊ່ວຍເຫຼືອກາຍກຳນົດແລ້ວ', en: 'A case plan task is overdue' },
  'visit.overdue': { lo: 'ກາຍກຳນົດການຢ້ຽມຢາມຕິດຕາມແລ້ວ', en: 'A follow-up visit is overdue' },
  'match.received': {
    lo: 'ມີອົງການອື່ນຖາມວ່າບຸກຄົນໜຶ່ງອາດມີຢູ່ໃນອົງການຂອງທ່ານແລ້ວ',
    en: 'Another agency asks whether your agency already holds a person',
  },
  'match.answered': { lo: 'ອົງການອື່ນໄດ້ຕອບຄຳຮ້ອງກວດບຸກຄົນຊໍ້າຂອງທ່ານແລ້ວ', en: 'Your match request was answered' },
  'export.ready': { lo: 'ການສົ່ງອອກພ້ອມແລ້ວ', en: 'Export ready' },
  'export.approval': { lo: 'ມີການສົ່ງອອກລໍຖ້າການອະນຸມັດ', en: 'Export waiting for approval' },
  'export.declined': { lo: 'ການສົ່ງອອກຂອງທ່ານບໍ່ໄດ້ຮັບອະນຸມັດ', en: 'Your export was declined' },
  'job.dead': { lo: 'ວຽກເບື້ອງຫຼັງລົ້ມເຫຼວ', en: 'A background job failed' },
  'account.first_sign_in': {
    lo: 'ບັນຊີທີ່ຜູ້ບໍລິຫານສ້າງ ຫຼື ຕັ້ງລະຫັດຜ່ານໃໝ່ ໄດ້ເຂົ້າສູ່ລະບົບເປັນຄັ້ງທຳອິດ',
    en: 'An account an administrator created or reset has signed in for the first time',
  },
} as const satisfies Record<string, { lo: string; en: string }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export function isNotificationKind(v: string): v is NotificationKind {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_KINDS, v);
}

/** The objects a notification can point at, and where the portal shows each. */
export const OBJECT_PATHS = {
  case: 'cases',
  screening: 'screenings',
  referral: 'referrals',
  handoff: 'handoffs',
  match_request: 'match-requests',
  transfer: 'transfers',
  family_tracing_request: 'family-tracing',
  export: 'exports',
  outbox: 'admin/queues',
  user: 'audit',
} as const;

export type NotificationObjectType = keyof typeof OBJECT_PATHS;

export function linkTo(publicUrl: string, objectType: NotificationObjectType, objectId: string): string {
  return `${publicUrl}/${OBJECT_PATHS[objectType]}/${encodeURIComponent(objectId)}`;
}

/** The e-mail for one notification: words for the kind, the case number, a link. Nothing personal. */
export function mailFor(
  publicUrl: string,
  n: { kind: NotificationKind; objectType: NotificationObjectType; objectId: string; caseNumber: string | null },
): { subject: string; text: string } {
  const k = NOTIFICATION_KINDS[n.kind];
  const link = linkTo(publicUrl, n.objectType, n.objectId);
  const subject = `CTMS: ${k.lo} / ${k.en}${n.caseNumber ? ` (${n.caseNumber})` : ''}`;
  const lines = [k.lo, k.en, ''];
  if (n.caseNumber) lines.push(`ເລກກໍລະນີ / Case number: ${n.caseNumber}`);
  lines.push(
    link,
    '',
    'ເປີດລິ້ງ ແລະ ເຂົ້າສູ່ລະບົບເພື່ອເບິ່ງລາຍລະອຽດ.',
    'Open the link and sign in to see the details.',
    '',
  );
  return { subject, text: lines.join('\n') };
}

/**
 * The activation e-mail (decision 0010): where to choose one's password, for how long, and what to
 * do if it was not expected. The link carries the token in its fragment only. No name, no username.
 */
export function activationMail(
  link: string,
  purpose: 'INVITE' | 'RESET',
  hours: number,
): { subject: string; text: string } {
  const invite = purpose === 'INVITE';
  const subject = invite
    ? 'CTMS: ເປີດນຳໃຊ້ບັນຊີຂອງທ່ານ / Activate your account'
    : 'CTMS: ຕັ້ງລະຫັດຜ່ານໃໝ່ / Choose a new password';
  const lines = [
    invite
      ? 'ມີການສ້າງບັນຊີໃຫ້ທ່ານ. ເປີດລິ້ງນີ້ເພື່ອຕັ້ງລະຫັດຜ່ານຂອງທ່ານເອງ.'
      : 'ຜູ້ບໍລິຫານໄດ້ຕັ້ງລະຫັດຜ່ານຂອງທ່ານຄືນໃໝ່. ເປີດລິ້ງນີ້ເພື່ອຕັ້ງລະຫັດຜ່ານໃໝ່ຂອງທ່ານເອງ.',
    invite
      ? 'An account was created for you. Open this link to choose your own password.'
      : 'An administrator reset your password. Open this link to choose a new password of your own.',
    '',
    link,
    '',
    `ລິ້ງນີ້ໃຊ້ໄດ້ຄັ້ງດຽວ ພາຍໃນ ${hours} ຊົ່ວໂມງ. ຢ່າສົ່ງຕໍ່ໃຫ້ຜູ້ອື່ນ.`,
    `The link works once, within ${hours} hours. Do not forward it to anyone.`,
    'ຖ້າທ່ານບໍ່ໄດ້ຄາດຫວັງອີເມວນີ້, ກະລຸນາແຈ້ງຜູ້ບໍລິຫານອົງການຂອງທ່ານ.',
    "If you did not expect this e-mail, tell your agency's administrator.",
    '',
  ];
  return { subject, text: lines.join('\n') };
}
