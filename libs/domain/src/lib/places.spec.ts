import {
  BORDER_CROSSINGS,
  DISTRICTS,
  districtByCode,
  districtInProvince,
  districtsOf,
  isBorderCrossingCode,
  isDistrictCode,
  matchBorderCrossing,
  matchDistrict,
} from './places';
import { PROVINCE_CODES } from './reference';

describe('districts', () => {
  it('holds the 148 coded districts, every province has some, codes are unique', () => {
    expect(DISTRICTS).toHaveLength(148);
    expect(new Set(DISTRICTS.map((d) => d.code)).size).toBe(148);
    for (const p of PROVINCE_CODES) expect(districtsOf(p).length).toBeGreaterThan(0);
  });

  it('has a Lao and an English name for each, Lao in Lao script', () => {
    for (const d of DISTRICTS) {
      expect(d.nameLo).toMatch(/^[\u0E80-\u0EFF\s()-]+$/u);
      expect(d.nameEn.length).toBeGreaterThan(1);
    }
  });

  it('answers by code and by province', () => {
    expect(districtByCode('0101')?.nameEn).toBe('Chanthabuly');
    expect(isDistrictCode('0101')).toBe(true);
    expect(isDistrictCode('9999')).toBe(false);
    expect(isDistrictCode('Chanthabuly')).toBe(false);
    expect(districtInProvince('0101', '01')).toBe(true);
    expect(districtInProvince('0101', '05')).toBe(false);
  });
});

describe('border crossings', () => {
  it('are coded, unique, named in Lao and English, with known provinces', () => {
    expect(new Set(BORDER_CROSSINGS.map((c) => c.code)).size).toBe(BORDER_CROSSINGS.length);
    for (const c of BORDER_CROSSINGS) {
      expect(c.code).toMatch(/^[A-Z0-9_]+$/);
      expect(c.nameLo).toMatch(/^[\u0E80-\u0EFF\s()0-9,-]+$/u);
      if (c.provinceCode) expect(PROVINCE_CODES).toContain(c.provinceCode);
    }
    expect(isBorderCrossingCode('INFORMAL')).toBe(true);
    expect(isBorderCrossingCode('Friendship Bridge')).toBe(false);
  });
});

describe('matching typed place names', () => {
  it('finds a district by Lao, English or another spelling within its province only', () => {
    expect(matchDistrict('ຈັນທະບູລີ', '01')?.code).toBe('0101');
    expect(matchDistrict('ເມືອງ ຈັນທະບູລີ', '01')?.code).toBe('0101');
    expect(matchDistrict('chanthabouly district', '01')?.code).toBe('0101');
    expect(matchDistrict('0101', '01')?.code).toBe('0101');
    expect(matchDistrict('Chanthabuly', '05')).toBeUndefined();
    expect(matchDistrict('0101', '05')).toBeUndefined();
    expect(matchDistrict('ບ້ານນາ', '01')).toBeUndefined();
    expect(matchDistrict('  ', '01')).toBeUndefined();
  });

  it('finds a crossing by code, name or the name before the dash', () => {
    expect(matchBorderCrossing('Boten')?.code).toBe('BOTEN');
    expect(matchBorderCrossing('friendship bridge 1')?.code).toBe('FRIENDSHIP_BRIDGE_1');
    expect(matchBorderCrossing('ດ່ານບໍ່ເຕັນ')?.code).toBe('BOTEN');
    expect(matchBorderCrossing('Wattay International Airport')?.code).toBe('WATTAY_AIRPORT');
    expect(matchBorderCrossing('a path behind the temple')).toBeUndefined();
  });
});
