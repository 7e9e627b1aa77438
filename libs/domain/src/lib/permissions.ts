import type { AgencyCapability, Role } from './enums';

/**
 * The permission catalogue: one entry per action, as data. The API's global guard refuses any route
 * that does not declare one of these (or is explicitly public); the portal uses the same catalogue
 * to decide what to show. `caseContent` marks permissions that can reveal what is in a case:
 * administrators and analysts never hold one (a unit test proves it).
 */
export const PERMISSIONS = {
  'profile:read': { caseContent: false, en: 'See own profile', lo: 'ເບິ່ງຂໍ້ມູນສ່ວນຕົວ' },
  'profile:update': { caseContent: false, en: 'Change own preferences', lo: 'ປ່ຽນການຕັ້ງຄ່າຂອງຕົນ' },
  'reference:read': { caseContent: false, en: 'Read reference data', lo: 'ອ່ານຂໍ້ມູນອ້າງອີງ' },
  'notification:read': { caseContent: false, en: 'Read own notifications', lo: 'ອ່ານການແຈ້ງເຕືອນ' },

  'screening:create': { caseContent: true, en: 'Start a screening interview', lo: 'ເລີ່ມການສໍາພາດຄັດກອງ' },
  'screening:read': { caseContent: true, en: 'Read screenings', lo: 'ອ່ານການຄັດກອງ' },
  'screening:update': { caseContent: true, en: 'Edit and submit draft screenings', lo: 'ແກ້ໄຂ ແລະ ສົ່ງຮ່າງການຄັດກອງ' },
  'screening:review': { caseContent: true, en: 'Approve or return screenings', lo: 'ອະນຸມັດ ຫຼື ສົ່ງຄືນການຄັດກອງ' },

  'person:search': { caseContent: true, en: 'Search persons for duplicates', lo: 'ຄົ້ນຫາບຸກຄົນຊໍ້າ' },
  'person:read': { caseContent: true, en: 'Read person records', lo: 'ອ່ານຂໍ້ມູນບຸກຄົນ' },
  'person:merge': { caseContent: true, en: 'Merge duplicate persons', lo: 'ລວມບຸກຄົນທີ່ຊໍ້າກັນ' },
  'match:request': {
    caseContent: true,
    en: 'Ask another agency about a possible duplicate',
    lo: 'ຖາມອົງການອື່ນກ່ຽວກັບບຸກຄົນທີ່ອາດຊໍ້າກັນ',
  },
  'match:answer': {
    caseContent: true,
    en: "Answer another agency's match requests",
    lo: 'ຕອບຄຳຮ້ອງກວດບຸກຄົນຊໍ້າຂອງອົງການອື່ນ',
  },

  'case:read': { caseContent: true, en: 'Read cases', lo: 'ອ່ານກໍລະນີ' },
  'case:update': { caseContent: true, en: 'Update cases and add notes', lo: 'ປັບປຸງກໍລະນີ ແລະ ເພີ່ມບັນທຶກ' },
  'case:assign': { caseContent: true, en: 'Assign and reassign cases', lo: 'ມອບໝາຍກໍລະນີ' },
  'case:identify': { caseContent: true, en: 'Record formal identification', lo: 'ບັນທຶກການກໍານົດຕົວຢ່າງເປັນທາງການ' },
  'case:close': { caseContent: true, en: 'Close and reopen cases', lo: 'ປິດ ແລະ ເປີດກໍລະນີຄືນ' },
  'case:flag': {
    caseContent: true,
    en: 'Set and lift the restricted and non-punishment flags',
    lo: 'ຕັ້ງ ແລະ ຍົກເລີກເຄື່ອງໝາຍຈຳກັດການເຂົ້າເຖິງ ແລະ ບໍ່ລົງໂທດ',
  },
  'case:caseload': {
    caseContent: true,
    en: "See the agency's caseload and reassign cases in bulk",
    lo: 'ເບິ່ງພາລະວຽກຂອງພະນັກງານ ແລະ ມອບໝາຍກໍລະນີຄືນເປັນຊຸດ',
  },
  'case:access-log': { caseContent: true, en: 'See who accessed a case', lo: 'ເບິ່ງວ່າໃຜເຂົ້າເຖິງກໍລະນີ' },
  'case:transfer': {
    caseContent: true,
    en: 'Request, accept and decline case transfers',
    lo: 'ຂໍໂອນ, ຮັບ ແລະ ປະຕິເສດການໂອນກໍລະນີ',
  },

  'consent:read': { caseContent: true, en: 'Read consents', lo: 'ອ່ານການຍິນຍອມ' },
  'consent:record': { caseContent: true, en: 'Record and withdraw consents', lo: 'ບັນທຶກ ແລະ ຖອນການຍິນຍອມ' },

  'referral:create': { caseContent: true, en: 'Refer a case to an agency', lo: 'ສົ່ງຕໍ່ກໍລະນີໄປຫາອົງການ' },
  'referral:read': { caseContent: true, en: 'Read referrals', lo: 'ອ່ານການສົ່ງຕໍ່' },
  'referral:respond': {
    caseContent: true,
    en: 'Accept, decline and serve referrals',
    lo: 'ຮັບ, ປະຕິເສດ ແລະ ໃຫ້ບໍລິການຕາມການສົ່ງຕໍ່',
  },

  'handoff:create': { caseContent: true, en: 'Hand a case to the prosecutor', lo: 'ມອບກໍລະນີໃຫ້ອົງການໄອຍະການ' },
  'handoff:read': { caseContent: true, en: 'Read prosecution handoffs', lo: 'ອ່ານການມອບສໍານວນ' },
  'handoff:prosecute': { caseContent: true, en: 'Receive and prosecute handoffs', lo: 'ຮັບ ແລະ ດໍາເນີນຄະດີ' },

  'attachment:upload': { caseContent: true, en: 'Upload attachments', lo: 'ອັບໂຫຼດເອກະສານຄັດຕິດ' },
  'attachment:read': { caseContent: true, en: 'Download attachments', lo: 'ດາວໂຫຼດເອກະສານຄັດຕິດ' },

  'audit:read': { caseContent: false, en: "Read the agency's audit trail", lo: 'ອ່ານບັນທຶກການກວດສອບຂອງອົງການ' },

  'user:read': { caseContent: false, en: "List the agency's users", lo: 'ເບິ່ງລາຍຊື່ຜູ້ໃຊ້ຂອງອົງການ' },
  'user:manage': {
    caseContent: false,
    en: "Create, disable and reset the agency's users",
    lo: 'ສ້າງ, ປິດ ແລະ ຕັ້ງລະຫັດຜ່ານຜູ້ໃຊ້ໃໝ່',
  },
  'agency:manage': { caseContent: false, en: 'Manage agencies', lo: 'ຈັດການອົງການ' },
  'system:queues': { caseContent: false, en: 'See the job queues', lo: 'ເບິ່ງຄິວວຽກ' },
  'system:settings': { caseContent: false, en: 'Change the SLA hours', lo: 'ປ່ຽນກຳນົດເວລາຕອບຮັບ' },

  'stats:read': { caseContent: false, en: 'Read aggregate statistics', lo: 'ອ່ານສະຖິຕິລວມ' },
  'export:create': { caseContent: true, en: 'Export case lists and files', lo: 'ສົ່ງອອກລາຍການກໍລະນີ' },
  'export:approve': {
    caseContent: true,
    en: 'Approve exports containing identity',
    lo: 'ອະນຸມັດການສົ່ງອອກທີ່ມີຂໍ້ມູນຕົວຕົນ',
  },
} as const satisfies Record<string, { caseContent: boolean; en: string; lo: string }>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

const BASE: Permission[] = ['profile:read', 'profile:update', 'reference:read', 'notification:read'];
const CASEWORK: Permission[] = [
  ...BASE,
  'screening:create',
  'screening:read',
  'screening:update',
  'person:search',
  'person:read',
  'match:request',
  'case:read',
  'case:update',
  'consent:read',
  'consent:record',
  'referral:create',
  'referral:read',
  'referral:respond',
  'handoff:read',
  'attachment:upload',
  'attachment:read',
  'export:create',
];

/** The role map. Relations (lead agency, referral, handoff) still decide which records; this decides which actions. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  CASEWORKER: CASEWORK,
  SUPERVISOR: [
    ...CASEWORK,
    'screening:review',
    'person:merge',
    'match:answer',
    'case:assign',
    'case:caseload',
    'case:identify',
    'case:close',
    'case:flag',
    'case:access-log',
    'case:transfer',
    'audit:read',
    'export:approve',
  ],
  INVESTIGATOR: [...CASEWORK, 'case:identify', 'handoff:create'],
  PROSECUTOR: [...BASE, 'handoff:read', 'handoff:prosecute', 'attachment:read'],
  AGENCY_ADMIN: [...BASE, 'user:read', 'user:manage'],
  SYSTEM_ADMIN: [...BASE, 'agency:manage', 'user:read', 'user:manage', 'system:queues', 'system:settings'],
  ANALYST: [...BASE, 'stats:read'],
};

/**
 * Roles whose holders may be assigned a case or an accepted referral (the API checks it on
 * `POST /cases/:id/assign` and on acceptance; `GET /users/assignable` lists them).
 */
export const CASE_ASSIGNEE_ROLES: readonly Role[] = ['CASEWORKER', 'INVESTIGATOR', 'SUPERVISOR'];

/**
 * Roles an agency admin may grant, in their own agency only (docs/access.md "Roles"): case work. INVESTIGATOR
 * and PROSECUTOR further need the agency's INVESTIGATE / PROSECUTE capability (checked by the API).
 * ANALYST (national statistics) and the admin roles are granted by the system administrator alone.
 */
export const ASSIGNABLE_BY_AGENCY_ADMIN: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'INVESTIGATOR', 'PROSECUTOR'];

/** Roles only a system administrator grants. */
export const SYSTEM_ADMIN_ONLY_ROLES: readonly Role[] = ['ANALYST', 'AGENCY_ADMIN', 'SYSTEM_ADMIN'];

/**
 * The capability rule: a permission that belongs to one kind of agency work needs that capability
 * of the actor's agency (docs/access.md "The capability rule"), whatever the roles say. The API
 * guard, the state machines, the SQL and the portal all ask `hasPermission`, so they agree.
 */
export const PERMISSION_CAPABILITY: Readonly<Partial<Record<Permission, AgencyCapability>>> = {
  'screening:create': 'SCREEN',
  'screening:update': 'SCREEN',
  'screening:review': 'SCREEN',
  'person:search': 'SCREEN',
  'person:merge': 'SCREEN',
  'match:request': 'SCREEN',
  'match:answer': 'SCREEN',
  'case:identify': 'FORMAL_IDENTIFICATION',
  'handoff:create': 'INVESTIGATE',
  'handoff:prosecute': 'PROSECUTE',
  'referral:respond': 'RECEIVE_REFERRALS',
};

/** Who asks: the actor's roles and their agency's capabilities. */
export interface PermissionSubject {
  readonly roles: readonly Role[];
  readonly capabilities: readonly AgencyCapability[];
}

function roleGrants(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => (ROLE_PERMISSIONS[r] ?? []).includes(permission));
}

/** Role AND capability: the one permission rule. */
export function hasPermission(subject: PermissionSubject, permission: Permission): boolean {
  const needs = PERMISSION_CAPABILITY[permission];
  return roleGrants(subject.roles, permission) && (needs === undefined || subject.capabilities.includes(needs));
}

export function permissionsOf(subject: PermissionSubject): Set<Permission> {
  return new Set(ALL_PERMISSIONS.filter((p) => hasPermission(subject, p)));
}

/** The permissions some role grants (whatever the agency): for checks on roles alone, such as "no case content". */
export function rolePermissions(roles: readonly Role[]): Set<Permission> {
  return new Set(ALL_PERMISSIONS.filter((p) => roleGrants(roles, p)));
}

/**
 * An account held to its profile: a temporary password to replace, or a required MFA to set up.
 * Until then only the profile's own permissions apply (the API's guard and the portal's menu alike).
 */
export interface ProfileHold {
  mustChangePassword: boolean;
  mfaSetupRequired: boolean;
}

export function heldToProfile(h: ProfileHold): boolean {
  return h.mustChangePassword || h.mfaSetupRequired;
}

/** Whether `permission` applies to an account in its present hold (see ProfileHold). */
export function permittedInHold(h: ProfileHold, permission: Permission): boolean {
  return !heldToProfile(h) || permission.startsWith('profile:');
}

export function isPermission(v: unknown): v is Permission {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(PERMISSIONS, v);
}
