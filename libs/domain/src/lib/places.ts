/**
 * Places below the province, as codes: the 148 districts and the main border crossings. A screening
 * records where it took place as codes from these lists (never as free text: a typed place next to a
 * small village can point at a person), and the portal offers them as pick lists.
 *
 * Sources: `../reference/lao-districts.json` (entries whose Lao spelling the sources disagree on are
 * marked `unverified`; docs/reference.md "Districts") and docs/reference.md "Border crossings" for
 * the crossings (whether a primary source confirmed each is kept as `verified`).
 *
 * Pure TypeScript: bundled into the portal too.
 */
import districtData from '../reference/lao-districts.json';
import { isProvinceCode, type ProvinceCode } from './reference';

export interface District {
  /** 4 digits: the province code, then the district's number in it, e.g. "0101" */
  readonly code: string;
  readonly provinceCode: ProvinceCode;
  readonly nameLo: string;
  readonly nameEn: string;
  readonly otherSpellings: readonly string[];
  /** the sources disagree on the Lao spelling: a native speaker should confirm it */
  readonly unverified: boolean;
}

function loadDistricts(): District[] {
  return districtData.districts.map((d) => {
    if (!isProvinceCode(d.province_code) || !d.code.startsWith(d.province_code) || !/^\d{4}$/.test(d.code)) {
      throw new Error(`lao-districts.json: bad district ${d.code}`);
    }
    return Object.freeze({
      code: d.code,
      provinceCode: d.province_code,
      nameLo: d.name_lo,
      nameEn: d.name_en,
      otherSpellings: Object.freeze([...d.other_spellings]),
      unverified: d.unverified,
    });
  });
}

// pure: a bundle that does not use the districts (the portal's start-up code) leaves them out
export const DISTRICTS: readonly District[] = /* @__PURE__ */ Object.freeze(loadDistricts());
const DISTRICT_BY_CODE = /* @__PURE__ */ new Map(DISTRICTS.map((d) => [d.code, d]));

export function districtByCode(code: string): District | undefined {
  return DISTRICT_BY_CODE.get(code);
}

export function isDistrictCode(v: unknown): v is string {
  return typeof v === 'string' && DISTRICT_BY_CODE.has(v);
}

/** The districts of one province, in code order. */
export function districtsOf(provinceCode: string): readonly District[] {
  return DISTRICTS.filter((d) => d.provinceCode === provinceCode);
}

/** A district code belongs to a province when its first two digits are the province's code. */
export function districtInProvince(districtCode: string, provinceCode: string): boolean {
  return districtByCode(districtCode)?.provinceCode === provinceCode;
}

export interface BorderCrossing {
  readonly code: string;
  /** the Lao side's province; null for crossings that are not one place */
  readonly provinceCode: ProvinceCode | null;
  /** ISO 3166-1 of the other side; null for airports and unspecified crossings */
  readonly neighbour: string | null;
  readonly nameLo: string;
  readonly nameEn: string;
  /** a primary source confirmed the crossing (docs/reference.md "Border crossings") */
  readonly verified: boolean;
}

/** The main border crossings (docs/reference.md "Border crossings"), plus informal and other crossings. */
export const BORDER_CROSSINGS: readonly BorderCrossing[] = /* @__PURE__ */ Object.freeze([
  {
    code: 'FRIENDSHIP_BRIDGE_1',
    provinceCode: '01',
    neighbour: 'TH',
    nameLo: 'ຂົວມິດຕະພາບ ລາວ-ໄທ ແຫ່ງທີ 1 (ທ່ານາແລ້ງ)',
    nameEn: '1st Thai–Lao Friendship Bridge (Thanaleng)',
    verified: true,
  },
  {
    code: 'FRIENDSHIP_BRIDGE_2',
    provinceCode: '13',
    neighbour: 'TH',
    nameLo: 'ຂົວມິດຕະພາບ ລາວ-ໄທ ແຫ່ງທີ 2 (ສະຫວັນນະເຂດ)',
    nameEn: '2nd Friendship Bridge (Savannakhet – Mukdahan)',
    verified: true,
  },
  {
    code: 'FRIENDSHIP_BRIDGE_3',
    provinceCode: '12',
    neighbour: 'TH',
    nameLo: 'ຂົວມິດຕະພາບ ລາວ-ໄທ ແຫ່ງທີ 3 (ທ່າແຂກ)',
    nameEn: '3rd Friendship Bridge (Thakhek – Nakhon Phanom)',
    verified: true,
  },
  {
    code: 'FRIENDSHIP_BRIDGE_4',
    provinceCode: '05',
    neighbour: 'TH',
    nameLo: 'ຂົວມິດຕະພາບ ລາວ-ໄທ ແຫ່ງທີ 4 (ຫ້ວຍຊາຍ)',
    nameEn: '4th Friendship Bridge (Houayxay – Chiang Khong)',
    verified: true,
  },
  {
    code: 'FRIENDSHIP_BRIDGE_5',
    provinceCode: '11',
    neighbour: 'TH',
    nameLo: 'ຂົວມິດຕະພາບ ລາວ-ໄທ ແຫ່ງທີ 5 (ປາກຊັນ)',
    nameEn: '5th Friendship Bridge (Paksan – Bueng Kan)',
    verified: true,
  },
  {
    code: 'VANG_TAO',
    provinceCode: '16',
    neighbour: 'TH',
    nameLo: 'ດ່ານວັງເຕົ່າ (ລາວ-ໄທ)',
    nameEn: 'Vang Tao – Chong Mek',
    verified: false,
  },
  {
    code: 'MEKONG_FERRY',
    provinceCode: null,
    neighbour: 'TH',
    nameLo: 'ທ່າເຮືອຂ້າມນ້ຳຂອງ',
    nameEn: 'Mekong river ferry crossing',
    verified: true,
  },
  {
    code: 'BOTEN',
    provinceCode: '03',
    neighbour: 'CN',
    nameLo: 'ດ່ານບໍ່ເຕັນ (ລາວ-ຈີນ)',
    nameEn: 'Boten – Mohan (road and railway)',
    verified: false,
  },
  {
    code: 'DANSAVANH',
    provinceCode: '13',
    neighbour: 'VN',
    nameLo: 'ດ່ານແດນສະຫວັນ (ລາວ-ຫວຽດນາມ)',
    nameEn: 'Dansavanh – Lao Bao',
    verified: false,
  },
  {
    code: 'NAM_PHAO',
    provinceCode: '11',
    neighbour: 'VN',
    nameLo: 'ດ່ານນ້ຳພາວ (ລາວ-ຫວຽດນາມ)',
    nameEn: 'Nam Phao – Cau Treo',
    verified: false,
  },
  {
    code: 'NA_PHAO',
    provinceCode: '12',
    neighbour: 'VN',
    nameLo: 'ດ່ານນາເພົ້າ (ລາວ-ຫວຽດນາມ)',
    nameEn: 'Na Phao – Cha Lo',
    verified: false,
  },
  {
    code: 'NONG_NOK_KHIENE',
    provinceCode: '16',
    neighbour: 'KH',
    nameLo: 'ດ່ານໜອງນົກຂຽນ (ລາວ-ກຳປູເຈຍ)',
    nameEn: 'Nong Nok Khiene – Trapeang Kriel',
    verified: false,
  },
  {
    code: 'GOLDEN_TRIANGLE',
    provinceCode: '05',
    neighbour: 'TH',
    nameLo: 'ເຂດສາມຫຼ່ຽມຄຳ (ຕົ້ນເຜິ້ງ), ທ່າເຮືອ',
    nameEn: 'Golden Triangle SEZ (Tonpheung) river crossings',
    verified: false,
  },
  {
    code: 'WATTAY_AIRPORT',
    provinceCode: '01',
    neighbour: null,
    nameLo: 'ສະໜາມບິນສາກົນວັດໄຕ',
    nameEn: 'Wattay International Airport',
    verified: false,
  },
  {
    code: 'BOKEO_AIRPORT',
    provinceCode: '05',
    neighbour: null,
    nameLo: 'ສະໜາມບິນສາກົນບໍ່ແກ້ວ',
    nameEn: 'Bokeo International Airport',
    verified: true,
  },
  {
    code: 'VIENTIANE_RAILWAY',
    provinceCode: '01',
    neighbour: 'CN',
    nameLo: 'ສະຖານີລົດໄຟນະຄອນຫຼວງວຽງຈັນ',
    nameEn: 'Vientiane railway station (Laos–China railway)',
    verified: false,
  },
  {
    code: 'INFORMAL',
    provinceCode: null,
    neighbour: null,
    nameLo: 'ຂ້າມແດນບໍ່ເປັນທາງການ',
    nameEn: 'Informal crossing',
    verified: true,
  },
  { code: 'OTHER', provinceCode: null, neighbour: null, nameLo: 'ດ່ານອື່ນ', nameEn: 'Other crossing', verified: true },
] satisfies BorderCrossing[]);

export const BORDER_CROSSING_CODES = /* @__PURE__ */ BORDER_CROSSINGS.map((c) => c.code);

export function isBorderCrossingCode(v: unknown): v is string {
  return typeof v === 'string' && BORDER_CROSSING_CODES.includes(v);
}

export const DISTRICT_CODES: readonly string[] = /* @__PURE__ */ DISTRICTS.map((d) => d.code);

/**
 * A place name folded for matching a typed value against the lists: lower case, no spaces,
 * punctuation or dashes, and without a leading "district"/"ເມືອງ" word. Used to turn the free
 * text that older screenings hold into codes (migration AddScreeningPlaceCodes) and by the
 * portal's pickers to find a typed name.
 */
export function placeKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/^\s*(ເມືອງ|muang|meuang|district(\s+of)?)\s*/u, '')
    .replace(/\s*(district|ເມືອງ)\s*$/u, '')
    .replace(/[\s\-–—.,'’()/]+/gu, '');
}

/** The district of this province whose Lao, English or other spelling the text is; or its code. */
export function matchDistrict(text: string, provinceCode: string): District | undefined {
  const trimmed = text.trim();
  const byCode = districtByCode(trimmed);
  if (byCode) return byCode.provinceCode === provinceCode ? byCode : undefined;
  const key = placeKey(trimmed);
  if (!key) return undefined;
  return districtsOf(provinceCode).find((d) =>
    [d.nameLo, d.nameEn, ...d.otherSpellings].some((n) => placeKey(n) === key),
  );
}

/** The crossing whose code, Lao or English name (or the part before the dash, e.g. "Boten") the text is. */
export function matchBorderCrossing(text: string): BorderCrossing | undefined {
  const trimmed = text.trim();
  const byCode = BORDER_CROSSINGS.find((c) => c.code === trimmed.toUpperCase().replace(/[\s-]+/g, '_'));
  if (byCode) return byCode;
  const key = placeKey(trimmed);
  if (!key) return undefined;
  return BORDER_CROSSINGS.find((c) => {
    const names = [c.nameLo, c.nameEn, c.nameEn.split(/\s[–-]\s|\s\(/u)[0] ?? '', c.nameLo.split(/\s\(/u)[0] ?? ''];
    return names.some((n) => n && placeKey(n) === key);
  });
}
