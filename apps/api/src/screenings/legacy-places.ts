import { BORDER_CROSSING_CODES, matchBorderCrossing, matchDistrict } from '@ctms/domain';
import type { DataSource } from 'typeorm';
import type { FieldCipher } from '../platform/crypto/field-cipher';
import { exec, select } from '../platform/database/sql';
import { screeningSql, type LegacyPlacesRow } from './screening.repository';
import type { ScreeningContent } from './screening-content';

/**
 * The second half of migration AddScreeningPlaceCodes (decision 0017): a district or crossing point
 * that older screenings hold as free text becomes its code when it names one (a district of the
 * screening's province in Lao, English or another spelling; a listed crossing), else it is moved
 * into the screening's encrypted content (`metadataExtra.districtDetail` / `crossingPointDetail`, shown and editable in the
 * interview), the column becomes NULL (district) or OTHER (crossing point), and the two checks are
 * validated. Runs as the owner right after the migrations (`main.js migrate`, the test template);
 * idempotent: with nothing left to move it only validates. Returns how many screenings it changed.
 */
export async function moveLegacyScreeningPlaces(ds: DataSource, cipher: FieldCipher): Promise<number> {
  const moved = await ds.transaction(async (m) => {
    const rows = await select<LegacyPlacesRow>(m, screeningSql.legacyPlaces(BORDER_CROSSING_CODES));
    for (const r of rows) {
      const district = r.district_ok
        ? r.district
        : (r.district && matchDistrict(r.district, r.province_code)?.code) || null;
      const crossing = r.crossing_ok
        ? r.crossing_point
        : (r.crossing_point && matchBorderCrossing(r.crossing_point)?.code) || 'OTHER';
      const lostDistrict = !r.district_ok && r.district && !district ? r.district : null;
      const lostCrossing = !r.crossing_ok && r.crossing_point && crossing === 'OTHER' ? r.crossing_point : null;
      let contentEnc = r.content_enc;
      if (lostDistrict || lostCrossing) {
        const bind = { table: 'screening', column: 'content_enc', rowId: r.id };
        const content = cipher.decryptJson<ScreeningContent>(r.content_enc, bind) ?? {};
        const extra = { ...(content.metadataExtra ?? {}) };
        const append = (a: string | undefined, b: string) => (a ? `${a}\n${b}` : b);
        if (lostDistrict) extra.districtDetail = append(extra.districtDetail, lostDistrict);
        if (lostCrossing) extra.crossingPointDetail = append(extra.crossingPointDetail, lostCrossing);
        contentEnc = cipher.encryptJson({ ...content, metadataExtra: extra }, bind);
      }
      await exec(m, screeningSql.setPlaces(r.id, district, r.crossing_point === null ? null : crossing, contentEnc));
    }
    return rows.length;
  });
  await exec(ds, screeningSql.validatePlaceChecks());
  return moved;
}
