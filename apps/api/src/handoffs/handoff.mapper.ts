import {
  DATA_CATEGORIES,
  type DataCategory,
  type HandoffAction,
  HANDOFF_CONSENTED_CATEGORIES,
  HANDOFF_LIMITATION_LABELS,
  type HandoffLimitation,
  type ChargeView,
  type EvidenceItemView,
  type HandoffDetailView,
  type HandoffHistoryEntryView,
  type HandoffSummaryView,
  type ProsecutionView,
  type SuspectView,
  type VictimExploitationView,
  type VictimHealthView,
  type VictimIdentityView,
} from '@ctms/domain';
import type { FieldCipher } from '../platform/crypto/field-cipher';
import type {
  ChargeDto,
  ChargeHandoffDto,
  CreateHandoffDto,
  EvidenceItemDto,
  ResubmitHandoffDto,
  SuspectDto,
  VerdictHandoffDto,
} from './dto/handoff.dto';
import type { HandoffEventRow, HandoffRow, HandoffSummaryRow, HandoffVictimRow } from './handoff.repository';

/** What packet_enc holds (LEGAL_PROCEEDINGS, with the victim's statement). */
export interface HandoffPacket {
  statementSummary: string;
  evidence: EvidenceItemView[];
  proposedCharges: ChargeView[];
  protectionMeasures: string[];
  protectionNote: string | null;
}

/** What prosecution_enc holds. */
export interface HandoffProsecution {
  returns: { reason: string; at: string }[];
  chargesFiled: ChargeView[];
  court: string | null;
  trialDates: string[];
  sentence: string | null;
  restitutionOrdered: { amount: number | null; currency: string | null; description: string | null } | null;
  decidedOn: string | null;
  withdrawalReason: string | null;
}

export const EMPTY_PROSECUTION: HandoffProsecution = {
  returns: [],
  chargesFiled: [],
  court: null,
  trialDates: [],
  sentence: null,
  restitutionOrdered: null,
  decidedOn: null,
  withdrawalReason: null,
};

export const bindingOf = (column: 'packet_enc' | 'suspects_enc' | 'prosecution_enc', rowId: string) => ({
  table: 'handoff',
  column,
  rowId,
});

// --- defensive readers of decrypted JSON -------------------------------------------------------

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
function list(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.map(obj) : [];
}
function charges(v: unknown): ChargeView[] {
  return list(v).map((c) => ({ article: str(c['article']) ?? '', description: str(c['description']) }));
}

export function readPacket(cipher: FieldCipher, r: Pick<HandoffRow, 'id' | 'packet_enc'>): HandoffPacket {
  const p = obj(cipher.decryptJson<unknown>(r.packet_enc, bindingOf('packet_enc', r.id)));
  return {
    statementSummary: str(p['statementSummary']) ?? '',
    evidence: list(p['evidence']).map((e) => ({
      description: str(e['description']) ?? '',
      attachmentId: str(e['attachmentId']),
    })),
    proposedCharges: charges(p['proposedCharges']),
    protectionMeasures: strings(p['protectionMeasures']),
    protectionNote: str(p['protectionNote']),
  };
}

export function readSuspects(cipher: FieldCipher, r: Pick<HandoffRow, 'id' | 'suspects_enc'>): SuspectView[] {
  return list(cipher.decryptJson<unknown>(r.suspects_enc, bindingOf('suspects_enc', r.id))).map((s) => ({
    name: str(s['name']),
    alias: str(s['alias']),
    roleInProcess: str(s['roleInProcess']) ?? 'OTHER',
    relationToVictim: str(s['relationToVictim']) ?? 'UNKNOWN',
    status: str(s['status']) ?? 'UNKNOWN',
  }));
}

export function readProsecution(
  cipher: FieldCipher,
  r: Pick<HandoffRow, 'id' | 'prosecution_enc'>,
): HandoffProsecution {
  const p = obj(cipher.decryptJson<unknown>(r.prosecution_enc, bindingOf('prosecution_enc', r.id)));
  const rest = p['restitutionOrdered'];
  const ro = rest === null || rest === undefined ? null : obj(rest);
  return {
    returns: list(p['returns']).map((x) => ({ reason: str(x['reason']) ?? '', at: str(x['at']) ?? '' })),
    chargesFiled: charges(p['chargesFiled']),
    court: str(p['court']),
    trialDates: strings(p['trialDates']),
    sentence: str(p['sentence']),
    restitutionOrdered: ro
      ? {
          amount: typeof ro['amount'] === 'number' ? ro['amount'] : null,
          currency: str(ro['currency']),
          description: str(ro['description']),
        }
      : null,
    decidedOn: str(p['decidedOn']),
    withdrawalReason: str(p['withdrawalReason']),
  };
}

/** The names, birth date and documents of the victim: never the contact details or the home address. */
export function toVictimIdentity(decrypted: unknown): VictimIdentityView {
  const i = obj(decrypted);
  return {
    givenNameLo: str(i['givenNameLo']),
    familyNameLo: str(i['familyNameLo']),
    latinNames: strings(i['latinNames']),
    nicknames: strings(i['nicknames']),
    sex: str(i['sex']),
    dateOfBirth: str(i['dateOfBirth']),
    dobPrecision: str(i['dobPrecision']),
    presumedMinor: i['presumedMinor'] === true,
    citizenship: strings(i['citizenship']),
    documents: list(i['documents']).map((d) => ({ type: str(d['type']) ?? 'OTHER', number: str(d['number']) ?? '' })),
  };
}

export function toVictimExploitation(decrypted: unknown): VictimExploitationView | null {
  if (decrypted === null || decrypted === undefined) return null;
  const o = obj(decrypted);
  return {
    narrative: str(o['narrative']),
    meansOfControl: strings(o['meansOfControl']),
    journeyEvents: list(o['journeyEvents']).map((e) => ({
      stage: str(e['stage']) ?? 'OTHER',
      place: str(e['place']),
      date: str(e['date']),
      description: str(e['description']),
    })),
  };
}

export function toVictimHealth(decrypted: unknown): VictimHealthView | null {
  if (decrypted === null || decrypted === undefined) return null;
  const o = obj(decrypted);
  return { medical: str(o['medical']), psychological: str(o['psychological']), notes: str(o['notes']) };
}

export function toHandoffSummary(r: HandoffSummaryRow, now = new Date()): HandoffSummaryView {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    status: r.status,
    box: r.is_sender ? 'OUTGOING' : 'INCOMING',
    fromAgency: { id: r.from_agency_id, code: r.from_agency_code },
    toAgency: { id: r.to_agency_id, code: r.to_agency_code },
    receiveBy: r.receive_by.toISOString(),
    receivedAt: r.received_at ? r.received_at.toISOString() : null,
    overdue: r.status === 'SUBMITTED' && r.receive_by.getTime() < now.getTime(),
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

export function toHistoryEntry(e: HandoffEventRow): HandoffHistoryEntryView {
  const d = e.details ?? {};
  return {
    kind: e.kind,
    at: e.at.toISOString(),
    actor: e.actor_id
      ? {
          id: e.actor_id,
          username: e.actor_username,
          displayName: e.actor_display_name,
          agencyCode: e.actor_agency_code,
        }
      : null,
    from: str(d['from']),
    to: str(d['to']),
  };
}

function inOrder(categories: readonly string[]): DataCategory[] {
  return DATA_CATEGORIES.filter((c) => categories.includes(c));
}

/** What the victim data adds when the receiving agency may see it now. */
export interface VictimData {
  identity?: VictimIdentityView;
  exploitation?: VictimExploitationView | null;
  health?: VictimHealthView | null;
}

/**
 * The detail as the caller may see it. The sender (lead agency) sees the whole packet; the receiver
 * sees the categories that hold now: the victim's statement, willingness to testify and protection
 * measures travel with EXPLOITATION_ACCOUNT, identity and health with their own category.
 */
export function toHandoffDetail(
  cipher: FieldCipher,
  r: HandoffRow,
  extras: { allowedActions: HandoffAction[]; history: HandoffHistoryEntryView[]; victim: VictimData },
): HandoffDetailView {
  const categories = inOrder(r.effective_categories);
  const withheld = HANDOFF_CONSENTED_CATEGORIES.filter((c) => !categories.includes(c));
  let limitation: HandoffLimitation | null = null;
  if (withheld.length === HANDOFF_CONSENTED_CATEGORIES.length) limitation = 'NO_LAW_ENFORCEMENT_CONSENT';
  else if (withheld.length > 0) limitation = 'PARTIAL_LAW_ENFORCEMENT_CONSENT';
  const packet = readPacket(cipher, r);
  const p = readProsecution(cipher, r);
  const prosecution: ProsecutionView = { ...p, verdict: r.verdict };
  const victimStatement = r.is_sender || categories.includes('EXPLOITATION_ACCOUNT');
  return {
    ...toHandoffSummary(r),
    submittedBy: { id: r.from_user_id, username: r.from_username, displayName: r.from_display_name },
    prosecutor: r.prosecutor_id
      ? { id: r.prosecutor_id, username: r.prosecutor_username, displayName: r.prosecutor_display_name }
      : null,
    categories,
    limitedByConsent: limitation !== null,
    limitation: limitation
      ? { code: limitation, label: HANDOFF_LIMITATION_LABELS[limitation], withheldCategories: [...withheld] }
      : null,
    caseSummary: {
      caseNumber: r.case_number,
      status: r.case_status,
      identificationStatus: r.identification_status,
      provinceCode: r.province_code,
      flags: r.flags,
      exploitationTypes: r.exploitation_types,
      openedAt: r.opened_at.toISOString(),
    },
    evidence: packet.evidence,
    suspects: readSuspects(cipher, r),
    proposedCharges: packet.proposedCharges,
    ...(victimStatement
      ? {
          statementSummary: packet.statementSummary,
          willingToTestify: r.willing_to_testify,
          protectionMeasures: packet.protectionMeasures,
          protectionNote: packet.protectionNote,
        }
      : {}),
    ...extras.victim,
    prosecution,
    allowedActions: extras.allowedActions,
    history: extras.history,
  };
}

/**
 * What the receiver may read of the victim now (the consented categories), decrypted with each
 * column's binding: identity from the person row, exploitation and health from the case row.
 */
export function toVictimData(cipher: FieldCipher, cats: readonly string[], v: HandoffVictimRow): VictimData {
  const victim: VictimData = {};
  if (cats.includes('IDENTITY'))
    victim.identity = toVictimIdentity(
      cipher.decryptJson<unknown>(v.identity_enc, { table: 'person', column: 'identity_enc', rowId: v.person_id }),
    );
  if (cats.includes('EXPLOITATION_ACCOUNT'))
    victim.exploitation = toVictimExploitation(
      cipher.decryptJson<unknown>(v.exploitation_enc, {
        table: 'case_record',
        column: 'exploitation_enc',
        rowId: v.id,
      }),
    );
  if (cats.includes('HEALTH'))
    victim.health = toVictimHealth(
      cipher.decryptJson<unknown>(v.health_enc, { table: 'case_record', column: 'health_enc', rowId: v.id }),
    );
  return victim;
}

// --- request shapes into the stored packet ------------------------------------------------------

/** The evidence items that name an attachment, with the field each is in. */
export function evidenceRefs(items: EvidenceItemDto[]): { field: string; id: string }[] {
  return items.flatMap((e, i) => (e.attachmentId ? [{ field: `evidence.${i}.attachmentId`, id: e.attachmentId }] : []));
}

export function evidenceOf(items: EvidenceItemDto[]): HandoffPacket['evidence'] {
  return items.map((e) => ({
    description: e.description,
    attachmentId: e.attachmentId ? e.attachmentId.toLowerCase() : null,
  }));
}

export function chargesOf(items: ChargeDto[]): HandoffPacket['proposedCharges'] {
  return items.map((c) => ({ article: c.article, description: c.description ?? null }));
}

export function suspectsOf(items: SuspectDto[]) {
  return items.map((s) => ({
    name: s.name ?? null,
    alias: s.alias ?? null,
    roleInProcess: s.roleInProcess,
    relationToVictim: s.relationToVictim,
    status: s.status ?? 'UNKNOWN',
  }));
}

/** The packet of a new handoff. */
export function packetOf(dto: CreateHandoffDto): HandoffPacket {
  return {
    statementSummary: dto.statementSummary,
    evidence: evidenceOf(dto.evidence),
    proposedCharges: chargesOf(dto.proposedCharges),
    protectionMeasures: dto.protectionMeasures,
    protectionNote: dto.protectionNote ?? null,
  };
}

/** What the audit row says of a new packet: how many items, never what they say. */
export function packetCounts(dto: CreateHandoffDto) {
  return { evidence: dto.evidence.length, suspects: dto.suspects.length, proposedCharges: dto.proposedCharges.length };
}

/** The packet of a resubmitted handoff: what was sent replaces, what was not stays. */
export function resubmittedPacket(old: HandoffPacket, dto: ResubmitHandoffDto): HandoffPacket {
  return {
    statementSummary: dto.statementSummary ?? old.statementSummary,
    evidence: dto.evidence ? evidenceOf(dto.evidence) : old.evidence,
    proposedCharges: dto.proposedCharges ? chargesOf(dto.proposedCharges) : old.proposedCharges,
    protectionMeasures: dto.protectionMeasures ?? old.protectionMeasures,
    protectionNote: dto.protectionNote ?? old.protectionNote,
  };
}

/** The prosecution with one more return to the investigator. */
export function withReturn(p: HandoffProsecution, reason: string, at = new Date()): HandoffProsecution {
  return { ...p, returns: [...p.returns, { reason, at: at.toISOString() }] };
}

/** The prosecution with the charges filed (and the court, when sent). */
export function withCharges(p: HandoffProsecution, dto: ChargeHandoffDto): HandoffProsecution {
  return { ...p, chargesFiled: chargesOf(dto.chargesFiled), court: dto.court ?? p.court };
}

/** The prosecution with its verdict recorded (sentence, restitution, the day decided). */
export function withVerdict(p: HandoffProsecution, dto: VerdictHandoffDto): HandoffProsecution {
  const r = dto.restitutionOrdered;
  return {
    ...p,
    sentence: dto.sentence ?? null,
    restitutionOrdered: r
      ? { amount: r.amount ?? null, currency: r.currency ?? null, description: r.description ?? null }
      : null,
    decidedOn: dto.decidedOn,
  };
}
