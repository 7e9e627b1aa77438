import { BORDER_CROSSINGS, districtsOf, type Label } from '@ctms/domain';
import type { PickListId } from './section-specs';
import { countryLabels, languageLabels, type PickList } from '@ctms/ui';

const crossings: PickList = {
  labels: Object.fromEntries(BORDER_CROSSINGS.map((c) => [c.code, { lo: c.nameLo, en: c.nameEn } satisfies Label])),
};

const byProvince = new Map<string, PickList>();

/** The districts of a province, with their other spellings to be found by. */
function districtList(provinceCode: string): PickList {
  let l = byProvince.get(provinceCode);
  if (!l) {
    const ds = districtsOf(provinceCode);
    l = {
      labels: Object.fromEntries(ds.map((d) => [d.code, { lo: d.nameLo, en: d.nameEn } satisfies Label])),
      extraKeys: Object.fromEntries(ds.map((d) => [d.code, d.otherSpellings])),
    };
    byProvince.set(provinceCode, l);
  }
  return l;
}

let countries: PickList | null = null;
let languages: PickList | null = null;

/** The searchable list a field picks from; districts are those of the section's province. */
export function pickListOf(id: PickListId, obj: Readonly<Record<string, unknown>>): PickList {
  switch (id) {
    case 'country':
      return (countries ??= { labels: countryLabels() });
    case 'language':
      return (languages ??= { labels: languageLabels() });
    case 'crossing':
      return crossings;
    case 'district':
      return districtList(typeof obj['provinceCode'] === 'string' ? obj['provinceCode'] : '');
  }
}
