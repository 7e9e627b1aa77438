/**
 * Every word of the portal's own UI, in English and Lao. The English dictionary defines the keys;
 * the Lao one must have exactly the same keys (the type enforces it, a unit test checks it at run
 * time too). Placeholders are written `{name}`.
 *
 * Coded values that the API and the portal share (roles, agencies' names, permissions …) come with
 * their labels from `@ctms/domain` or from the API's reference data, not from here.
 */
import { activationEn, activationLo } from './dict-activation';
import { adminEn, adminLo } from './dict-admin';
import { casesEn, casesLo } from './dict-cases';
import { planEn, planLo } from './dict-plan';
import { screeningsEn, screeningsLo } from './dict-screenings';

export const en = {
  'app.title': 'Counter-trafficking case management',
  'app.loading': 'Loading…',

  'lang.label': 'Language',
  'lang.lo': 'ລາວ',
  'lang.en': 'English',
  'lang.saveFailed': 'Your language choice could not be saved. It applies to this session only.',

  'login.title': 'Sign in',
  'login.intro': 'Sign in with the account your agency gave you.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Enter your username.',
  'login.passwordRequired': 'Enter your password.',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.invalid': 'Wrong username or password.',
  'login.tooMany': 'Too many attempts. Wait a few minutes, then try again.',
  'login.unavailable': 'The server could not be reached. Try again in a moment.',
  'login.sessionEnded': 'Your session has ended. Sign in again to continue.',
  'login.mfa.title': 'Enter the code from your phone',
  'login.mfa.intro': 'Open the authenticator app on your phone and enter the 6-digit code it shows for this account.',
  'login.mfa.code': 'Code (6 digits)',
  'login.mfa.codeRequired': 'Enter the 6 digits from your app.',
  'login.mfa.submit': 'Continue',
  'login.mfa.submitting': 'Checking…',
  'login.mfa.invalid': 'The code is not right or has expired. Enter the new code from your app.',
  'login.mfa.expired': 'Too much time has passed. Sign in again with your password.',
  'login.mfa.lost': 'Lost your phone? Ask your administrator to reset two-step sign-in.',
  'login.mfa.back': 'Back: use another account',

  'shell.skipToContent': 'Skip to main content',
  'shell.openMenu': 'Open the menu',
  'shell.closeMenu': 'Close the menu',
  'shell.navigation': 'Main navigation',
  'shell.signedInAs': 'Signed in as',
  'shell.logout': 'Sign out',
  'shell.notifications': 'Notifications',
  'shell.unread': '{count} unread',

  'nav.home': 'Home',
  'nav.screenings': 'Screenings',
  'nav.cases': 'Cases',
  'nav.referrals': 'Referrals',
  'nav.handoffs': 'Prosecution handoffs',
  'nav.transfers': 'Case transfers',
  'nav.familyTracing': 'Family tracing',
  'nav.matchRequests': 'Match requests',
  'nav.caseload': 'Caseload',
  'nav.audit': 'Audit trail',
  'nav.users': 'Users',
  'nav.agencies': 'Agencies',
  'nav.slaSettings': 'SLA hours',
  'nav.statistics': 'Statistics',
  'nav.exports': 'Exports',
  'nav.profile': 'My profile',

  'home.greeting': 'Welcome, {name}',
  'home.intro': 'Use the menu to open the parts of the system that your role allows.',
  'home.agency': 'You work for: {agency}',

  'soon.title': 'Coming soon',
  'soon.body': 'This part of the system is being built and will be available soon.',
  'soon.back': 'Back to the home page',

  'profile.title': 'My profile',
  'profile.username': 'Username',
  'profile.displayName': 'Name',
  'profile.agency': 'Agency',
  'profile.roles': 'Roles',
  'profile.provinces': 'Province scope',
  'profile.allProvinces': 'All provinces',
  'profile.noProvinces': 'No province',
  'profile.language': 'Language preference',
  'profile.languageHint': 'The portal opens in this language every time you sign in.',
  'profile.password.title': 'Password',
  'profile.password.hint':
    'At least 12 characters. A phrase of several words is easy to remember and hard to guess. Common passwords and your own name are refused.',
  'profile.password.current': 'Current password',
  'profile.password.new': 'New password',
  'profile.password.repeat': 'New password again',
  'profile.password.submit': 'Change the password',
  'profile.password.saved': 'Your password has been changed.',
  'profile.password.mustChange':
    'Your administrator gave you a temporary password. Choose your own password here before you continue.',
  'profile.password.required': 'Required',
  'profile.password.mismatch': 'The two new passwords are not the same.',
  'profile.password.wrongCurrent': 'The current password is not right.',
  'profile.password.refused': 'This password cannot be used.',
  'profile.password.fix': 'The password was not changed: see the fields above.',
  'profile.password.failed': 'The password could not be changed. Try again.',
  'profile.mfa.title': 'Two-step sign-in',
  'profile.mfa.hint':
    'After your password, you also enter a 6-digit code from an authenticator app on your phone. Your account stays safe even if someone learns your password.',
  'profile.mfa.status': 'Status:',
  'profile.mfa.on': 'On',
  'profile.mfa.off': 'Off',
  'profile.mfa.required': 'Two-step sign-in is required. Set it up here before you continue.',
  'profile.mfa.onInfo':
    'Each time you sign in, you enter a code from your app. If you lose your phone, ask your administrator to reset two-step sign-in.',
  'profile.mfa.passwordHint': 'To set it up, first confirm your password.',
  'profile.mfa.password': 'Current password',
  'profile.mfa.start': 'Set up',
  'profile.mfa.step1':
    '1. Install an authenticator app on your phone (for example Google Authenticator or Microsoft Authenticator), then scan this QR code with it.',
  'profile.mfa.qrAlt': 'QR code that adds this account to your authenticator app',
  'profile.mfa.secret': 'Cannot scan? Type this key in the app instead:',
  'profile.mfa.step2': '2. Enter the 6-digit code the app shows now.',
  'profile.mfa.code': 'Code (6 digits)',
  'profile.mfa.enable': 'Turn on',
  'profile.mfa.cancel': 'Cancel',
  'profile.mfa.enabled': 'Two-step sign-in is now on. From now on, enter a code from your app each time you sign in.',
  'profile.mfa.wrongPassword': 'The password is not right.',
  'profile.mfa.codeFormat': 'Enter the 6 digits.',
  'profile.mfa.wrongCode': 'The code is not right. Enter the code the app shows now.',
  'profile.mfa.noSetup': 'The setup was not found or has expired. Start again.',
  'profile.mfa.already': 'Two-step sign-in is already on.',
  'profile.mfa.fix': 'Not done yet: see the field above.',
  'profile.mfa.failed': 'Two-step sign-in could not be set up. Try again.',
  ...casesEn,
  ...planEn,
  ...adminEn,
  ...activationEn,
  ...screeningsEn,
} as const;

/** The keys of the words every page may use (`@ctms/ui`'s `TranslationKey` also has the lazy chunks' keys). */
export type TranslationKey = keyof typeof en;
export type Dictionary = Record<TranslationKey, string>;

export const lo: Dictionary = {
  'app.title': 'ລະບົບຄຸ້ມຄອງກໍລະນີຕ້ານການຄ້າມະນຸດ',
  'app.loading': 'ກຳລັງໂຫຼດ…',

  'lang.label': 'ພາສາ',
  'lang.lo': 'ລາວ',
  'lang.en': 'English',
  'lang.saveFailed': 'ບໍ່ສາມາດບັນທຶກພາສາທີ່ທ່ານເລືອກໄດ້. ພາສານີ້ໃຊ້ໄດ້ສະເພາະການເຂົ້າໃຊ້ຄັ້ງນີ້ເທົ່ານັ້ນ.',

  'login.title': 'ເຂົ້າສູ່ລະບົບ',
  'login.intro': 'ເຂົ້າສູ່ລະບົບດ້ວຍບັນຊີທີ່ອົງການຂອງທ່ານມອບໃຫ້.',
  'login.username': 'ຊື່ຜູ້ໃຊ້',
  'login.password': 'ລະຫັດຜ່ານ',
  'login.usernameRequired': 'ກະລຸນາປ້ອນຊື່ຜູ້ໃຊ້.',
  'login.passwordRequired': 'ກະລຸນາປ້ອນລະຫັດຜ່ານ.',
  'login.submit': 'ເຂົ້າສູ່ລະບົບ',
  'login.submitting': 'ກຳລັງເຂົ້າສູ່ລະບົບ…',
  'login.invalid': 'ຊື່ຜູ້ໃຊ້ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ.',
  'login.tooMany': 'ພະຍາຍາມຫຼາຍເທື່ອເກີນໄປ. ກະລຸນາລໍຖ້າສອງສາມນາທີ ແລ້ວລອງໃໝ່.',
  'login.unavailable': 'ບໍ່ສາມາດເຊື່ອມຕໍ່ກັບເຊີບເວີໄດ້. ກະລຸນາລອງໃໝ່ອີກຄັ້ງ.',
  'login.sessionEnded': 'ການເຂົ້າໃຊ້ຂອງທ່ານໝົດອາຍຸແລ້ວ. ກະລຸນາເຂົ້າສູ່ລະບົບອີກຄັ້ງເພື່ອສືບຕໍ່.',
  'login.mfa.title': 'ປ້ອນລະຫັດຈາກໂທລະສັບຂອງທ່ານ',
  'login.mfa.intro': 'ເປີດແອັບຢືນຢັນຕົວຕົນໃນໂທລະສັບຂອງທ່ານ ແລ້ວປ້ອນລະຫັດ 6 ຕົວເລກທີ່ແອັບສະແດງສຳລັບບັນຊີນີ້.',
  'login.mfa.code': 'ລະຫັດ (6 ຕົວເລກ)',
  'login.mfa.codeRequired': 'ກະລຸນາປ້ອນ 6 ຕົວເລກຈາກແອັບຂອງທ່ານ.',
  'login.mfa.submit': 'ສືບຕໍ່',
  'login.mfa.submitting': 'ກຳລັງກວດສອບ…',
  'login.mfa.invalid': 'ລະຫັດບໍ່ຖືກຕ້ອງ ຫຼື ໝົດອາຍຸແລ້ວ. ກະລຸນາປ້ອນລະຫັດໃໝ່ຈາກແອັບຂອງທ່ານ.',
  'login.mfa.expired': 'ໃຊ້ເວລາດົນເກີນໄປ. ກະລຸນາເຂົ້າສູ່ລະບົບອີກຄັ້ງດ້ວຍລະຫັດຜ່ານຂອງທ່ານ.',
  'login.mfa.lost': 'ເສຍໂທລະສັບບໍ? ກະລຸນາຂໍໃຫ້ຜູ້ຄຸ້ມຄອງລະບົບຕັ້ງຄ່າການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນຄືນໃໝ່.',
  'login.mfa.back': 'ກັບຄືນ: ໃຊ້ບັນຊີອື່ນ',

  'shell.skipToContent': 'ຂ້າມໄປຫາເນື້ອຫາຫຼັກ',
  'shell.openMenu': 'ເປີດເມນູ',
  'shell.closeMenu': 'ປິດເມນູ',
  'shell.navigation': 'ເມນູຫຼັກ',
  'shell.signedInAs': 'ເຂົ້າສູ່ລະບົບໃນນາມ',
  'shell.logout': 'ອອກຈາກລະບົບ',
  'shell.notifications': 'ການແຈ້ງເຕືອນ',
  'shell.unread': 'ຍັງບໍ່ໄດ້ອ່ານ {count}',

  'nav.home': 'ໜ້າຫຼັກ',
  'nav.screenings': 'ການຄັດກອງ',
  'nav.cases': 'ກໍລະນີ',
  'nav.referrals': 'ການສົ່ງຕໍ່',
  'nav.handoffs': 'ການມອບສຳນວນໃຫ້ໄອຍະການ',
  'nav.transfers': 'ການໂອນກໍລະນີ',
  'nav.familyTracing': 'ຊອກຫາຄອບຄົວ',
  'nav.matchRequests': 'ຄຳຮ້ອງກວດບຸກຄົນຊໍ້າ',
  'nav.caseload': 'ພາລະວຽກ',
  'nav.audit': 'ບັນທຶກການກວດສອບ',
  'nav.users': 'ຜູ້ໃຊ້',
  'nav.agencies': 'ອົງການ',
  'nav.slaSettings': 'ກຳນົດເວລາຕອບຮັບ',
  'nav.statistics': 'ສະຖິຕິ',
  'nav.exports': 'ການສົ່ງອອກຂໍ້ມູນ',
  'nav.profile': 'ຂໍ້ມູນສ່ວນຕົວ',

  'home.greeting': 'ສະບາຍດີ, {name}',
  'home.intro': 'ໃຊ້ເມນູເພື່ອເປີດສ່ວນຕ່າງໆຂອງລະບົບທີ່ບົດບາດຂອງທ່ານອະນຸຍາດ.',
  'home.agency': 'ອົງການຂອງທ່ານ: {agency}',

  'soon.title': 'ຈະມີໃນໄວໆນີ້',
  'soon.body': 'ສ່ວນນີ້ຂອງລະບົບກຳລັງຢູ່ໃນການພັດທະນາ ແລະ ຈະພ້ອມໃຊ້ງານໃນໄວໆນີ້.',
  'soon.back': 'ກັບໄປໜ້າຫຼັກ',

  'profile.title': 'ຂໍ້ມູນສ່ວນຕົວຂອງຂ້ອຍ',
  'profile.username': 'ຊື່ຜູ້ໃຊ້',
  'profile.displayName': 'ຊື່',
  'profile.agency': 'ອົງການ',
  'profile.roles': 'ບົດບາດ',
  'profile.provinces': 'ຂອບເຂດແຂວງ',
  'profile.allProvinces': 'ທຸກແຂວງ',
  'profile.noProvinces': 'ບໍ່ມີແຂວງ',
  'profile.language': 'ພາສາທີ່ເລືອກໃຊ້',
  'profile.languageHint': 'ລະບົບຈະເປີດເປັນພາສານີ້ທຸກຄັ້ງທີ່ທ່ານເຂົ້າສູ່ລະບົບ.',
  'profile.password.title': 'ລະຫັດຜ່ານ',
  'profile.password.hint':
    'ຢ່າງໜ້ອຍ 12 ຕົວອັກສອນ. ປະໂຫຍກທີ່ມີຫຼາຍຄຳຈື່ງ່າຍ ແລະ ເດົາຍາກ. ລະຫັດຜ່ານທີ່ໃຊ້ທົ່ວໄປ ແລະ ຊື່ຂອງທ່ານເອງຈະບໍ່ຖືກຮັບ.',
  'profile.password.current': 'ລະຫັດຜ່ານປັດຈຸບັນ',
  'profile.password.new': 'ລະຫັດຜ່ານໃໝ່',
  'profile.password.repeat': 'ລະຫັດຜ່ານໃໝ່ອີກຄັ້ງ',
  'profile.password.submit': 'ປ່ຽນລະຫັດຜ່ານ',
  'profile.password.saved': 'ລະຫັດຜ່ານຂອງທ່ານໄດ້ຖືກປ່ຽນແລ້ວ.',
  'profile.password.mustChange':
    'ຜູ້ຄຸ້ມຄອງລະບົບໄດ້ໃຫ້ລະຫັດຜ່ານຊົ່ວຄາວແກ່ທ່ານ. ກະລຸນາຕັ້ງລະຫັດຜ່ານຂອງທ່ານເອງຢູ່ບ່ອນນີ້ກ່ອນສືບຕໍ່.',
  'profile.password.required': 'ຕ້ອງປ້ອນ',
  'profile.password.mismatch': 'ລະຫັດຜ່ານໃໝ່ທັງສອງບໍ່ຄືກັນ.',
  'profile.password.wrongCurrent': 'ລະຫັດຜ່ານປັດຈຸບັນບໍ່ຖືກຕ້ອງ.',
  'profile.password.refused': 'ບໍ່ສາມາດໃຊ້ລະຫັດຜ່ານນີ້ໄດ້.',
  'profile.password.fix': 'ລະຫັດຜ່ານຍັງບໍ່ໄດ້ປ່ຽນ: ກະລຸນາເບິ່ງຊ່ອງຂ້າງເທິງ.',
  'profile.password.failed': 'ບໍ່ສາມາດປ່ຽນລະຫັດຜ່ານໄດ້. ກະລຸນາລອງໃໝ່.',
  'profile.mfa.title': 'ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ',
  'profile.mfa.hint':
    'ຫຼັງຈາກປ້ອນລະຫັດຜ່ານ, ທ່ານຍັງຕ້ອງປ້ອນລະຫັດ 6 ຕົວເລກຈາກແອັບຢືນຢັນຕົວຕົນໃນໂທລະສັບຂອງທ່ານ. ບັນຊີຂອງທ່ານຈະປອດໄພ ເຖິງແມ່ນວ່າຄົນອື່ນຮູ້ລະຫັດຜ່ານຂອງທ່ານ.',
  'profile.mfa.status': 'ສະຖານະ:',
  'profile.mfa.on': 'ເປີດໃຊ້ແລ້ວ',
  'profile.mfa.off': 'ຍັງບໍ່ໄດ້ເປີດໃຊ້',
  'profile.mfa.required': 'ທ່ານຕ້ອງໃຊ້ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ. ກະລຸນາຕັ້ງຄ່າຢູ່ບ່ອນນີ້ກ່ອນສືບຕໍ່.',
  'profile.mfa.onInfo':
    'ທຸກຄັ້ງທີ່ເຂົ້າສູ່ລະບົບ, ທ່ານຕ້ອງປ້ອນລະຫັດຈາກແອັບຂອງທ່ານ. ຖ້າທ່ານເສຍໂທລະສັບ, ກະລຸນາຂໍໃຫ້ຜູ້ຄຸ້ມຄອງລະບົບຕັ້ງຄ່າການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນຄືນໃໝ່.',
  'profile.mfa.passwordHint': 'ເພື່ອຕັ້ງຄ່າ, ກະລຸນາຢືນຢັນລະຫັດຜ່ານຂອງທ່ານກ່ອນ.',
  'profile.mfa.password': 'ລະຫັດຜ່ານປັດຈຸບັນ',
  'profile.mfa.start': 'ຕັ້ງຄ່າ',
  'profile.mfa.step1':
    '1. ຕິດຕັ້ງແອັບຢືນຢັນຕົວຕົນໃນໂທລະສັບຂອງທ່ານ (ເຊັ່ນ: Google Authenticator ຫຼື Microsoft Authenticator), ແລ້ວໃຊ້ແອັບນັ້ນສະແກນ QR ໂຄດນີ້.',
  'profile.mfa.qrAlt': 'QR ໂຄດສຳລັບເພີ່ມບັນຊີນີ້ເຂົ້າໃນແອັບຢືນຢັນຕົວຕົນ',
  'profile.mfa.secret': 'ສະແກນບໍ່ໄດ້ບໍ? ໃຫ້ພິມລະຫັດນີ້ໃສ່ແອັບແທນ:',
  'profile.mfa.step2': '2. ປ້ອນລະຫັດ 6 ຕົວເລກທີ່ແອັບສະແດງຢູ່ຕອນນີ້.',
  'profile.mfa.code': 'ລະຫັດ (6 ຕົວເລກ)',
  'profile.mfa.enable': 'ເປີດໃຊ້',
  'profile.mfa.cancel': 'ຍົກເລີກ',
  'profile.mfa.enabled':
    'ເປີດໃຊ້ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນແລ້ວ. ຕັ້ງແຕ່ນີ້ໄປ, ທ່ານຕ້ອງປ້ອນລະຫັດຈາກແອັບທຸກຄັ້ງທີ່ເຂົ້າສູ່ລະບົບ.',
  'profile.mfa.wrongPassword': 'ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ.',
  'profile.mfa.codeFormat': 'ກະລຸນາປ້ອນ 6 ຕົວເລກ.',
  'profile.mfa.wrongCode': 'ລະຫັດບໍ່ຖືກຕ້ອງ. ກະລຸນາປ້ອນລະຫັດທີ່ແອັບສະແດງຢູ່ຕອນນີ້.',
  'profile.mfa.noSetup': 'ບໍ່ພົບການຕັ້ງຄ່າ ຫຼື ໝົດອາຍຸແລ້ວ. ກະລຸນາເລີ່ມໃໝ່.',
  'profile.mfa.already': 'ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນເປີດໃຊ້ຢູ່ແລ້ວ.',
  'profile.mfa.fix': 'ຍັງບໍ່ສຳເລັດ: ກະລຸນາເບິ່ງຊ່ອງຂ້າງເທິງ.',
  'profile.mfa.failed': 'ບໍ່ສາມາດຕັ້ງຄ່າການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນໄດ້. ກະລຸນາລອງໃໝ່.',
  ...casesLo,
  ...planLo,
  ...adminLo,
  ...activationLo,
  ...screeningsLo,
};

export const DICTIONARIES = { lo, en } as const;

/** The words every page may use, registered with the translation service at start-up (app.config.ts). */
export const CORE_WORDS = { en, lo } as const;

declare module '@ctms/ui' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- adds these keys to the one translation key type
  interface TranslationKeys extends Record<keyof typeof en, true> {}
}
