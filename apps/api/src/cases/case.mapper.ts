import {
  DATA_CATEGORIES,
  type DataCategory,
  type CaseDetailView,
  type CaseEventView,
  type CaseNoteView,
  type CaseSummaryView,
  type ExploitationView,
  type IdentificationView,
  type JourneyEventView,
  type PerpetratorView,
} from '@ctms/domain';
import type { FieldCipher } from '../platform/crypto/field-cipher';
import type { UpdateCaseDto } from './dto/case.dto';
import type { CaseBlobColumn, CaseEventRow, CaseNoteRow, CasePatch, CaseRow, CaseSummaryRow } from './case.repository';

export const ENCRYPTED_CATEGORIES = {
  exploitation: 'exploitation_enc',
  perpetrators: 'perpetrators_enc',
  health: 'health_enc',
  contact: 'contact_enc',
  legal: 'legal_enc',
  plan: 'plan_enc',
} as const;
export type EncryptedCategory = keyof typeof ENCRYPTED_CATEGORIES;

/**
 * An update request into what it sets: the plain columns, the protected categories (plaintext, the
 * repository encrypts them into their columns) and the request's field names (for the audit row).
 */
export function toCaseChanges(dto: UpdateCaseDto): {
  patch: CasePatch;
  blobs: Partial<Record<CaseBlobColumn, unknown>>;
  fields: string[];
} {
  const patch: CasePatch = {};
  const blobs: Partial<Record<CaseBlobColumn, unknown>> = {};
  const fields: string[] = [];
  const set = <K extends keyof CasePatch>(column: K, field: string, value: CasePatch[K]) => {
    patch[column] = value;
    fields.push(field);
  };
  if (dto.exploitationTypes !== undefined) set('exploitation_types', 'exploitationTypes', dto.exploitationTypes ?? []);
  if (dto.destinationCountries !== undefined)
    set('destination_countries', 'destinationCountries', dto.destinationCountries ?? []);
  if (dto.riskLevel !== undefined) set('risk_level', 'riskLevel', dto.riskLevel);
  if (dto.needs !== undefined) set('needs', 'needs', dto.needs ?? []);
  for (const category of Object.keys(ENCRYPTED_CATEGORIES) as EncryptedCategory[]) {
    if (dto[category] === undefined) continue;
    blobs[ENCRYPTED_CATEGORIES[category]] = dto[category];
    fields.push(category);
  }
  return { patch, blobs, fields };
}

export function toCaseSummary(r: CaseSummaryRow): CaseSummaryView {
  return {
    id: r.id,
    caseNumber: r.case_number,
    status: r.status,
    identificationStatus: r.identification_status,
    provinceCode: r.province_code,
    leadAgency: { code: r.lead_agency_code },
    assignedTo: r.assigned_to_id
      ? { id: r.assigned_to_id, username: r.assigned_username ?? '', displayName: r.assigned_display_name ?? '' }
      : null,
    flags: r.flags,
    exploitationTypes: r.exploitation_types,
    openedAt: r.opened_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function toExploitation(v: unknown): ExploitationView | null {
  if (v === null || v === undefined) return null;
  const o = obj(v);
  const events: JourneyEventView[] = Array.isArray(o['journeyEvents'])
    ? o['journeyEvents'].map((e: unknown) => {
        const x = obj(e);
        return {
          stage: str(x['stage']) ?? 'OTHER',
          place: str(x['place']),
          date: str(x['date']),
          description: str(x['description']),
        };
      })
    : [];
  return { narrative: str(o['narrative']), journeyEvents: events, meansOfControl: strings(o['meansOfControl']) };
}

function toPerpetrators(v: unknown): PerpetratorView[] {
  if (!Array.isArray(v)) return [];
  return v.map((p: unknown) => {
    const x = obj(p);
    return {
      role: str(x['role']) ?? 'OTHER',
      relationToVictim: str(x['relationToVictim']),
      description: str(x['description']),
    };
  });
}

export function decryptCategory(
  cipher: FieldCipher,
  r: Pick<CaseRow, 'id'> & Record<string, unknown>,
  category: EncryptedCategory,
): unknown {
  const column = ENCRYPTED_CATEGORIES[category];
  const ct = r[column];
  return cipher.decryptJson<unknown>(typeof ct === 'string' ? ct : null, { table: 'case_record', column, rowId: r.id });
}

function toIdentification(cipher: FieldCipher, r: CaseRow): IdentificationView | null {
  if (!r.ident_id || !r.ident_decision || !r.ident_decided_on || !r.ident_decided_by_id || !r.ident_created_at)
    return null;
  return {
    id: r.ident_id,
    decision: r.ident_decision,
    decidedOn: r.ident_decided_on,
    decidedBy: {
      id: r.ident_decided_by_id,
      username: r.ident_decided_by_username,
      displayName: r.ident_decided_by_display_name,
    },
    agency: { code: r.ident_agency_code },
    reasons:
      cipher.decrypt(r.ident_reasons_enc ?? null, {
        table: 'case_identification',
        column: 'reasons_enc',
        rowId: r.ident_id,
      }) ?? '',
    recordedAt: r.ident_created_at.toISOString(),
  };
}

/**
 * The case as the caller's relation allows: the summary always; each protected category only when
 * the relation carries it (the load does not even select the others); plan and identification for
 * the lead agency only. A key that is not allowed is absent, not null.
 */
export function toCaseDetail(
  cipher: FieldCipher,
  r: CaseRow,
  allowedActions: CaseDetailView['allowedActions'],
): CaseDetailView {
  const dec = (c: EncryptedCategory) =>
    decryptCategory(cipher, r as unknown as Pick<CaseRow, 'id'> & Record<string, unknown>, c);
  const record = (v: unknown) => (v === null || v === undefined ? null : obj(v));
  const visible = DATA_CATEGORIES.filter((c) => (r.visible_categories ?? []).includes(c));
  const has = (c: DataCategory) => visible.includes(c);
  const lead = r.relation === 'LEAD_AGENCY';
  return {
    ...toCaseSummary(r),
    relation: r.relation ?? 'LEAD_AGENCY',
    visibleCategories: visible,
    leadAgency: { id: r.lead_agency_id, code: r.lead_agency_code },
    destinationCountries: r.destination_countries,
    riskLevel: r.risk_level,
    needs: r.needs,
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    closureReason: r.closure_reason,
    ...(has('IDENTITY') && r.person_id ? { personId: r.person_id } : {}),
    ...(has('EXPLOITATION_ACCOUNT') ? { exploitation: toExploitation(dec('exploitation')) } : {}),
    ...(has('PERPETRATORS') ? { perpetrators: toPerpetrators(dec('perpetrators')) } : {}),
    ...(has('HEALTH') ? { health: record(dec('health')) } : {}),
    ...(has('CONTACT_LOCATION') ? { contact: record(dec('contact')) } : {}),
    ...(has('LEGAL_PROCEEDINGS') ? { legal: record(dec('legal')) } : {}),
    ...(lead ? { plan: record(dec('plan')), identification: toIdentification(cipher, r) } : {}),
    allowedActions,
  };
}

export function toCaseNote(cipher: FieldCipher, r: CaseNoteRow): CaseNoteView {
  return {
    id: r.id,
    category: r.category,
    body: cipher.decrypt(r.body_enc, { table: 'case_note', column: 'body_enc', rowId: r.id }),
    author: { id: r.author_id, username: r.author_username, displayName: r.author_display_name },
    createdAt: r.created_at.toISOString(),
  };
}

export function toCaseEvent(r: CaseEventRow): CaseEventView {
  return {
    id: r.id,
    kind: r.kind,
    at: r.at.toISOString(),
    actor: r.actor_id ? { id: r.actor_id, username: r.actor_username, displayName: r.actor_display_name } : null,
    details: r.details,
  };
}
