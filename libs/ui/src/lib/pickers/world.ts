import type { Label } from '@ctms/domain';

/*
 * Countries and languages as pick lists with Lao and English names. Names come from the browser's
 * `Intl.DisplayNames`, which knows Lao; where a browser has no Lao data (it answers with the code or
 * the English name) the Lao column falls back to the few names written here, then to English.
 * Shared by every form that records a country or a language (move to libs/ui with issue 13).
 */

/** ISO 3166-1 alpha-2, the countries a Lao caseworker meets first, then the rest A–Z. */
const NEAR = [
  'LA',
  'TH',
  'CN',
  'VN',
  'MM',
  'KH',
  'MY',
  'SG',
  'KR',
  'JP',
  'TW',
  'HK',
  'ID',
  'PH',
  'BN',
  'IN',
  'AE',
  'SA',
  'QA',
  'KW',
];
const ALL =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );
export const COUNTRY_CODES: readonly string[] = [...NEAR, ...ALL.filter((c) => !NEAR.includes(c))];

/**
 * Languages an interview in Laos meets (ISO 639): Lao and the neighbours' languages, the largest
 * ethnic languages of Laos (Hmong, Khmu, Akha, Tai Dam, Phu Thai, Lue, Mien, Lahu …), then others.
 */
export const LANGUAGE_CODES: readonly string[] = [
  'lo',
  'th',
  'vi',
  'zh',
  'km',
  'my',
  'hmn',
  'kjg',
  'ahk',
  'blt',
  'pht',
  'khb',
  'ium',
  'lhu',
  'kdt',
  'shn',
  'en',
  'fr',
  'ko',
  'ja',
  'ms',
  'id',
  'tl',
  'ar',
  'hi',
  'ru',
];

/** Names Chromium builds without Lao data lack (checked against the running browser at start-up). */
const LAO_FALLBACK: Readonly<Record<string, string>> = {
  LA: 'ລາວ',
  TH: 'ໄທ',
  CN: 'ຈີນ',
  VN: 'ຫວຽດນາມ',
  MM: 'ມຽນມາ',
  KH: 'ກຳປູເຈຍ',
  MY: 'ມາເລເຊຍ',
  SG: 'ສິງກະໂປ',
  KR: 'ເກົາຫຼີໃຕ້',
  JP: 'ຍີ່ປຸ່ນ',
  lo: 'ລາວ',
  th: 'ໄທ',
  vi: 'ຫວຽດນາມ',
  zh: 'ຈີນ',
  km: 'ຂະແມ',
  my: 'ມຽນມາ',
  hmn: 'ມົ້ງ',
  kjg: 'ຂະມຸ',
  ahk: 'ອາຄາ',
  blt: 'ໄທດຳ',
  pht: 'ຜູ້ໄທ',
  khb: 'ລື້',
  ium: 'ອິວມ້ຽນ',
  lhu: 'ລາຫູ',
  kdt: 'ກຸຍ',
  shn: 'ໄທໃຫຍ່',
  en: 'ອັງກິດ',
  fr: 'ຝຣັ່ງ',
  ko: 'ເກົາຫຼີ',
  ja: 'ຍີ່ປຸ່ນ',
};
/** English names for codes whose English display name browsers lack. */
const EN_FALLBACK: Readonly<Record<string, string>> = {
  kjg: 'Khmu',
  ahk: 'Akha',
  blt: 'Tai Dam',
  pht: 'Phu Thai',
  khb: 'Lü',
  ium: 'Iu Mien',
  lhu: 'Lahu',
  kdt: 'Kuy',
};

function displayNames(lang: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([lang], { type, fallback: 'none' });
  } catch {
    return null;
  }
}

const LAO_SCRIPT = /[\u0E80-\u0EFF]/;

function labelsOf(codes: readonly string[], type: 'region' | 'language'): Readonly<Record<string, Label>> {
  const lo = displayNames('lo', type);
  const en = displayNames('en', type);
  const out: Record<string, Label> = {};
  for (const code of codes) {
    const enName = EN_FALLBACK[code] ?? en?.of(code) ?? code;
    const fromIntl = lo?.of(code);
    const loName = fromIntl && LAO_SCRIPT.test(fromIntl) ? fromIntl : (LAO_FALLBACK[code] ?? enName);
    out[code] = { lo: loName, en: enName };
  }
  return out;
}

let countries: Readonly<Record<string, Label>> | null = null;
let languages: Readonly<Record<string, Label>> | null = null;

/** Every ISO 3166 country with its Lao and English name (computed once, on first use). */
export function countryLabels(): Readonly<Record<string, Label>> {
  return (countries ??= labelsOf(COUNTRY_CODES, 'region'));
}

/** The interview languages with their Lao and English names. */
export function languageLabels(): Readonly<Record<string, Label>> {
  return (languages ??= labelsOf(LANGUAGE_CODES, 'language'));
}
