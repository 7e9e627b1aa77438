/**
 * Every word of the portal's own UI, in English and Lao. The English dictionary defines the keys;
 * the Lao one must have exactly the same keys (the type enforces it, a unit test checks it at run
 * time too). Placeholders are written `{name}`.
 *
 * Coded values that the API and the portal share (roles, agencies' names, permissions …) come with
 * their labels from `@ctms/domain` or from the API's reference data, not from here.
 */
import { adminEn, adminLo } from './dict-admin';
import { casesEn, casesLo } from './dict-cases';
import { screeningsEn, screeningsLo } from './dict-screenings';

export const en = {
  'app.title': 'Counter-trafficking case management',

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
  'nav.audit': 'Audit trail',
  'nav.users': 'Users',
  'nav.agencies': 'Agencies',
  'nav.statistics': 'Statistics',
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
  'profile.password.hint': 'At least 12 characters. A phrase of several words is easy to remember and hard to guess. Common passwords and your own name are refused.',
  'profile.password.current': 'Current password',
  'profile.password.new': 'New password',
  'profile.password.repeat': 'New password again',
  'profile.password.submit': 'Change the password',
  'profile.password.saved': 'Your password has been changed.',
  'profile.password.mustChange': 'Your administrator gave you a temporary password. Choose your own password here before you continue.',
  'profile.password.required': 'Required',
  'profile.password.mismatch': 'The two new passwords are not the same.',
  'profile.password.wrongCurrent': 'The current password is not right.',
  'profile.password.refused': 'This password cannot be used.',
  'profile.password.fix': 'The password was not changed: see the fields above.',
  'profile.password.failed': 'The password could not be changed. Try again.',
  ...casesEn,
  ...adminEn,
  ...screeningsEn,
} as const;

export type TranslationKey = keyof typeof en;
export type Dictionary = Record<TranslationKey, string>;

export const lo: Dictionary = {
  'app.title': 'ລະບົບຄຸ້ມຄອງກໍລະນີຕ້ານການຄ້າມະນຸດ',

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
  'nav.audit': 'ບັນທຶກການກວດສອບ',
  'nav.users': 'ຜູ້ໃຊ້',
  'nav.agencies': 'ອົງການ',
  'nav.statistics': 'ສະຖິຕິ',
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
  'profile.password.hint': 'ຢ່າງໜ້ອຍ 12 ຕົວອັກສອນ. ປະໂຫຍກທີ່ມີຫຼາຍຄຳຈື່ງ່າຍ ແລະ ເດົາຍາກ. ລະຫັດຜ່ານທີ່ໃຊ້ທົ່ວໄປ ແລະ ຊື່ຂອງທ່ານເອງຈະບໍ່ຖືກຮັບ.',
  'profile.password.current': 'ລະຫັດຜ່ານປັດຈຸບັນ',
  'profile.password.new': 'ລະຫັດຜ່ານໃໝ່',
  'profile.password.repeat': 'ລະຫັດຜ່ານໃໝ່ອີກຄັ້ງ',
  'profile.password.submit': 'ປ່ຽນລະຫັດຜ່ານ',
  'profile.password.saved': 'ລະຫັດຜ່ານຂອງທ່ານໄດ້ຖືກປ່ຽນແລ້ວ.',
  'profile.password.mustChange': 'ຜູ້ຄຸ້ມຄອງລະບົບໄດ້ໃຫ້ລະຫັດຜ່ານຊົ່ວຄາວແກ່ທ່ານ. ກະລຸນາຕັ້ງລະຫັດຜ່ານຂອງທ່ານເອງຢູ່ບ່ອນນີ້ກ່ອນສືບຕໍ່.',
  'profile.password.required': 'ຕ້ອງປ້ອນ',
  'profile.password.mismatch': 'ລະຫັດຜ່ານໃໝ່ທັງສອງບໍ່ຄືກັນ.',
  'profile.password.wrongCurrent': 'ລະຫັດຜ່ານປັດຈຸບັນບໍ່ຖືກຕ້ອງ.',
  'profile.password.refused': 'ບໍ່ສາມາດໃຊ້ລະຫັດຜ່ານນີ້ໄດ້.',
  'profile.password.fix': 'ລະຫັດຜ່ານຍັງບໍ່ໄດ້ປ່ຽນ: ກະລຸນາເບິ່ງຊ່ອງຂ້າງເທິງ.',
  'profile.password.failed': 'ບໍ່ສາມາດປ່ຽນລະຫັດຜ່ານໄດ້. ກະລຸນາລອງໃໝ່.',
  ...casesLo,
  ...adminLo,
  ...screeningsLo,
};

export const DICTIONARIES = { lo, en } as const;
