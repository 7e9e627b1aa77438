import * as argon2 from 'argon2';
import { Client } from 'pg';
import {
  ILO_INDICATORS,
  PROVINCES,
  SEED_AGENCIES,
  SEED_DEMO_USERS,
  SERVICE_TYPE_DEFINITIONS as SERVICE_TYPES,
  type AuditAction,
} from '@ctms/domain';
import { ARGON2_OPTIONS } from '../auth/password-hasher';
import type { AppConfig } from '../config/config';

const SEEDED: AuditAction = 'REFERENCE_DATA_SEEDED';

export interface SeedResult {
  demoUsersCreated: number;
  summary: string;
}

/**
 * Reference data (agencies, provinces, ILO indicators, service types) is upserted on every start,
 * so a new release's reference data arrives without a migration. Demo accounts are created only in
 * development (or by test fixtures that ask, with the password they give), only when there is no
 * user at all; never in production (decision 0011).
 */
/** Demo accounts get an address that can never be delivered (.invalid, RFC 2606), derived from the username. */
export function demoEmail(username: string): string {
  return `${username}@demo.invalid`;
}

export async function seed(config: AppConfig, opts: { demoUsers?: boolean } = {}): Promise<SeedResult> {
  const client = new Client({ connectionString: config.databaseAdminUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const p of PROVINCES) {
      await client.query(
        `INSERT INTO province (code, iso, name_lo, name_en, variants) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET iso = EXCLUDED.iso, name_lo = EXCLUDED.name_lo, name_en = EXCLUDED.name_en, variants = EXCLUDED.variants`,
        [p.code, p.iso, p.nameLo, p.nameEn, JSON.stringify([...p.nameLoVariants, ...p.otherSpellings])],
      );
    }
    for (const s of SERVICE_TYPES) {
      await client.query(
        `INSERT INTO service_type (code, name_lo, name_en) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name_lo = EXCLUDED.name_lo, name_en = EXCLUDED.name_en`,
        [s.code, s.nameLo, s.nameEn],
      );
    }
    for (const i of ILO_INDICATORS) {
      await client.query(
        `INSERT INTO ilo_indicator (code, dimension, label_en, label_lo, strength) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET dimension = EXCLUDED.dimension, label_en = EXCLUDED.label_en, label_lo = EXCLUDED.label_lo, strength = EXCLUDED.strength`,
        [i.code, i.dimension, i.labelEn, null, JSON.stringify(i.strengths)],
      );
    }
    for (const a of SEED_AGENCIES) {
      await client.query(
        `INSERT INTO agency (code, name_lo, name_en, type, capabilities, service_types, provinces) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO NOTHING`,
        [a.code, a.nameLo, a.nameEn, a.type, a.capabilities, a.serviceTypes, a.provinces],
      );
    }
    let demoUsersCreated = 0;
    // demo accounts: development (unless told not to), or test fixtures that ask and bring their own password; never production
    const wantDemo =
      (config.env === 'development' ? (opts.demoUsers ?? true) : config.env === 'test' && opts.demoUsers === true) &&
      !!config.demoPassword;
    if (wantDemo) {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
      if (rows[0]?.n === 0) {
        const hash = await argon2.hash(config.demoPassword as string, ARGON2_OPTIONS);
        for (const u of SEED_DEMO_USERS) {
          await client.query(
            `INSERT INTO app_user (username, display_name, agency_id, roles, all_provinces, provinces, language, password_hash, email)
             SELECT $1, $2, a.id, $4, $5, $6, $7, $8, $9 FROM agency a WHERE a.code = $3`,
            [
              u.username,
              u.displayName,
              u.agencyCode,
              u.roles,
              u.allProvinces,
              u.provinces,
              u.language,
              hash,
              demoEmail(u.username),
            ],
          );
          demoUsersCreated++;
        }
      }
    }
    await client.query(
      `INSERT INTO audit_event (at, action, outcome, details) VALUES (clock_timestamp(), $1, 'ALLOWED', $2)`,
      [
        SEEDED,
        JSON.stringify({
          provinces: PROVINCES.length,
          serviceTypes: SERVICE_TYPES.length,
          indicators: ILO_INDICATORS.length,
          agencies: SEED_AGENCIES.length,
          demoUsersCreated,
        }),
      ],
    );
    await client.query('COMMIT');
    return {
      demoUsersCreated,
      summary: `reference data: ${PROVINCES.length} provinces, ${ILO_INDICATORS.length} ILO indicators, ${SERVICE_TYPES.length} service types, ${SEED_AGENCIES.length} agencies${demoUsersCreated ? `; ${demoUsersCreated} demo accounts created` : ''}`,
    };
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    await client.end();
  }
}
