import { AGENCY_CAPABILITIES, AGENCY_TYPES, ROLES } from './enums';
import {
  isProvinceCode,
  isServiceType,
  PROVINCE_CODES,
  provinceByCode,
  provinceByIso,
  PROVINCES,
  SEED_AGENCIES,
  SEED_AGENCY_CODES,
  SEED_DEMO_USERS,
  seedAgencyByCode,
  SERVICE_TYPE_DEFINITIONS,
  SERVICE_TYPES,
  serviceTypeByCode,
} from './reference';

const LAO = /^[\u0E80-\u0EFF\s\-()/.,;:0-9A-Za-z]+$/u;
const HAS_LAO = /[\u0E80-\u0EFF]/u;

describe('provinces', () => {
  it('loads all 18 in the national order with unique codes and ISO codes', () => {
    expect(PROVINCES.map((p) => p.code)).toEqual([...PROVINCE_CODES]);
    expect(new Set(PROVINCES.map((p) => p.iso)).size).toBe(18);
    for (const p of PROVINCES) {
      expect(p.iso).toMatch(/^LA-[A-Z]{2}$/);
      expect(p.nameEn.length).toBeGreaterThan(0);
      expect(p.nameLo).toMatch(HAS_LAO);
    }
  });

  it('looks up by code and ISO code', () => {
    expect(provinceByCode('01')?.nameEn).toBe('Vientiane Capital');
    expect(provinceByCode('01')?.nameLo).toBe('ນະຄອນຫຼວງວຽງຈັນ');
    expect(provinceByCode('05')?.nameEn).toBe('Bokeo');
    expect(provinceByIso('LA-VI')?.code).toBe('10');
    expect(provinceByIso('la-xs')?.code).toBe('18');
    expect(provinceByCode('19')).toBeUndefined();
    expect(provinceByIso('TH-10')).toBeUndefined();
  });

  it('merges Lao variants and other spellings into variants', () => {
    const vte = provinceByCode('01');
    expect(vte?.variants).toEqual(expect.arrayContaining(['ນະຄອນຫລວງວຽງຈັນ', 'Vientiane Prefecture']));
    expect(vte?.nameLoVariants).toEqual(['ນະຄອນຫລວງວຽງຈັນ']);
    expect(provinceByCode('18')?.variants).toEqual(expect.arrayContaining(['Xaysomboun', 'Saysomboun']));
  });

  it('is frozen', () => {
    expect(Object.isFrozen(PROVINCES)).toBe(true);
    expect(Object.isFrozen(PROVINCES[0])).toBe(true);
  });

  it('isProvinceCode', () => {
    expect(isProvinceCode('18')).toBe(true);
    expect(isProvinceCode('1')).toBe(false);
    expect(isProvinceCode(1)).toBe(false);
  });
});

describe('service types', () => {
  it('has one definition per code, in order, with Lao and English names', () => {
    expect(SERVICE_TYPE_DEFINITIONS.map((s) => s.code)).toEqual([...SERVICE_TYPES]);
    for (const s of SERVICE_TYPE_DEFINITIONS) {
      expect(s.nameEn.trim().length).toBeGreaterThan(0);
      expect(s.nameLo).toMatch(HAS_LAO);
    }
  });

  it('looks up by code', () => {
    expect(serviceTypeByCode('SHELTER')?.htcds).toEqual(['SocialCare']);
    expect(serviceTypeByCode('NOPE')).toBeUndefined();
    expect(isServiceType('LEGAL_AID')).toBe(true);
    expect(isServiceType('legal_aid')).toBe(false);
  });
});

describe('seed agencies', () => {
  it('has the seven agencies with valid codes, types and capabilities', () => {
    expect(SEED_AGENCIES.map((a) => a.code)).toEqual([...SEED_AGENCY_CODES]);
    for (const a of SEED_AGENCIES) {
      expect(AGENCY_TYPES).toContain(a.type);
      for (const c of a.capabilities) expect(AGENCY_CAPABILITIES).toContain(c);
      for (const s of a.serviceTypes) expect(SERVICE_TYPES).toContain(s);
      for (const p of a.provinces) expect(PROVINCE_CODES).toContain(p);
      expect(a.nameLo).toMatch(HAS_LAO);
      expect(a.nameLo).toMatch(LAO);
      expect(a.nameEn.length).toBeGreaterThan(0);
      expect(a.provinces.length).toBeGreaterThan(0);
    }
  });

  it('gives the capabilities of the brief', () => {
    const caps = (code: string) => [...(seedAgencyByCode(code)?.capabilities ?? [])].sort();
    expect(caps('MOPS_ATD')).toEqual(['FORMAL_IDENTIFICATION', 'INVESTIGATE', 'SCREEN']);
    expect(caps('MOPS_DOI')).toEqual(['SCREEN']);
    expect(caps('LWU')).toEqual(['RECEIVE_REFERRALS', 'SCREEN']);
    expect(caps('MOLSW')).toEqual(['RECEIVE_REFERRALS', 'SCREEN']);
    expect(caps('OSPP')).toEqual(['PROSECUTE']);
    expect(caps('IOM')).toEqual(['RECEIVE_REFERRALS']);
    expect(caps('NGO_DEMO')).toEqual(['RECEIVE_REFERRALS']);
  });

  it('only MoPS ATD formally identifies', () => {
    expect(SEED_AGENCIES.filter((a) => a.capabilities.includes('FORMAL_IDENTIFICATION')).map((a) => a.code)).toEqual([
      'MOPS_ATD',
    ]);
  });

  it('offers services exactly when it receives referrals', () => {
    for (const a of SEED_AGENCIES)
      expect({ code: a.code, offers: a.serviceTypes.length > 0 }).toEqual({
        code: a.code,
        offers: a.capabilities.includes('RECEIVE_REFERRALS'),
      });
    expect(seedAgencyByCode('LWU')?.serviceTypes).toEqual(
      expect.arrayContaining(['SHELTER', 'PSYCHOSOCIAL', 'LEGAL_AID']),
    );
    expect(seedAgencyByCode('MOLSW')?.serviceTypes).toEqual(
      expect.arrayContaining(['REINTEGRATION', 'FAMILY_TRACING', 'RETURN_REPATRIATION']),
    );
  });

  it('the national agencies cover all 18 provinces', () => {
    for (const code of ['MOPS_ATD', 'MOPS_DOI', 'LWU', 'MOLSW', 'OSPP', 'IOM'])
      expect(seedAgencyByCode(code)?.provinces).toHaveLength(18);
  });
});

describe('demo users', () => {
  it('has the 15 accounts of access.md', () => {
    expect(SEED_DEMO_USERS.map((u) => u.username)).toEqual([
      'atd.caseworker',
      'atd.bokeo',
      'atd.supervisor',
      'atd.investigator',
      'doi.caseworker',
      'doi.supervisor',
      'lwu.caseworker',
      'lwu.supervisor',
      'molsw.caseworker',
      'molsw.supervisor',
      'ospp.prosecutor',
      'ngo.caseworker',
      'lwu.admin',
      'sysadmin',
      'analyst',
    ]);
  });

  it.each([
    ['atd.caseworker', 'MOPS_ATD', 'CASEWORKER', false, ['01']],
    ['atd.bokeo', 'MOPS_ATD', 'CASEWORKER', false, ['05']],
    ['atd.supervisor', 'MOPS_ATD', 'SUPERVISOR', true, []],
    ['atd.investigator', 'MOPS_ATD', 'INVESTIGATOR', true, []],
    ['doi.caseworker', 'MOPS_DOI', 'CASEWORKER', false, ['01']],
    ['doi.supervisor', 'MOPS_DOI', 'SUPERVISOR', true, []],
    ['lwu.caseworker', 'LWU', 'CASEWORKER', false, ['01']],
    ['lwu.supervisor', 'LWU', 'SUPERVISOR', true, []],
    ['molsw.caseworker', 'MOLSW', 'CASEWORKER', false, ['01']],
    ['molsw.supervisor', 'MOLSW', 'SUPERVISOR', true, []],
    ['ospp.prosecutor', 'OSPP', 'PROSECUTOR', true, []],
    ['ngo.caseworker', 'NGO_DEMO', 'CASEWORKER', false, ['01']],
    ['lwu.admin', 'LWU', 'AGENCY_ADMIN', false, []],
    ['sysadmin', 'IOM', 'SYSTEM_ADMIN', false, []],
    ['analyst', 'IOM', 'ANALYST', false, []],
  ])('%s: %s %s, all provinces %s, %j', (username, agencyCode, role, allProvinces, provinces) => {
    const u = SEED_DEMO_USERS.find((x) => x.username === username);
    expect(u).toEqual(expect.objectContaining({ agencyCode, roles: [role], allProvinces, provinces, language: 'lo' }));
  });

  it('every account is well formed', () => {
    for (const u of SEED_DEMO_USERS) {
      expect(seedAgencyByCode(u.agencyCode)).toBeDefined();
      for (const r of u.roles) expect(ROLES).toContain(r);
      expect(u.displayName).toMatch(HAS_LAO);
      expect(u.username).toMatch(/^[a-z.]+$/);
      // a scoped user names provinces; an all-province user names none
      if (u.allProvinces) expect(u.provinces).toEqual([]);
      for (const p of u.provinces) expect(isProvinceCode(p)).toBe(true);
    }
    expect(new Set(SEED_DEMO_USERS.map((u) => u.username)).size).toBe(SEED_DEMO_USERS.length);
  });

  it('case workers are in agencies that screen or receive referrals; the prosecutor in OSPP', () => {
    for (const u of SEED_DEMO_USERS.filter((x) => x.roles.includes('CASEWORKER'))) {
      const caps = seedAgencyByCode(u.agencyCode)?.capabilities ?? [];
      expect(caps.includes('SCREEN') || caps.includes('RECEIVE_REFERRALS')).toBe(true);
    }
    expect(
      seedAgencyByCode(SEED_DEMO_USERS.find((u) => u.roles.includes('PROSECUTOR'))?.agencyCode ?? '')?.capabilities,
    ).toContain('PROSECUTE');
  });
});
