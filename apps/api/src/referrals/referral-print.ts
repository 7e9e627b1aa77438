import { PassThrough } from 'node:stream';
import {
  DATA_CATEGORY_LABELS,
  PROVINCE_LABELS,
  REFERRAL_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  URGENCY_LABELS,
  type DataCategory,
  type Label,
} from '@ctms/domain';
import { writeCasePdf, type PdfSection } from '../exports/case-pdf';
import type { FieldCipher } from '../platform/crypto/field-cipher';
import type { ReferralPrintRow } from './referral.repository';

const both = (l: Label | undefined, code: string): string => (l ? `${l.lo} / ${l.en}` : code);
const heading = (c: DataCategory): string => both(DATA_CATEGORY_LABELS[c], c);

/** A decrypted JSON record as label/value lines (keys are the API's field names, values flattened). */
function recordLines(v: unknown): [string, string | null][] {
  if (v === null || v === undefined || typeof v !== 'object') return [];
  return Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== null && x !== undefined && x !== '')
    .map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)]);
}

interface IdentityJson {
  givenNameLo?: string;
  familyNameLo?: string;
  latinNames?: string[];
  dateOfBirth?: string;
  homeProvince?: string;
}

/**
 * The sections of a printed referral, in Lao and English: the referral itself and the case
 * summary, then one section per protected category the row carries. The repository selected a
 * protected column only when the packet's consented categories hold it, so a category outside them
 * cannot reach the page even by mistake here.
 */
export function referralPrintSections(cipher: FieldCipher, r: ReferralPrintRow): PdfSection[] {
  const caseBind = (column: string) => ({ table: 'case_record', column, rowId: r.case_id });
  const sections: PdfSection[] = [
    {
      heading: 'ການສົ່ງຕໍ່ / Referral',
      lines: [
        ['ຈາກ / From', `${r.from_agency_name_lo} / ${r.from_agency_name_en} (${r.from_agency_code})`],
        ['ເຖິງ / To', `${r.to_agency_name_lo} / ${r.to_agency_name_en} (${r.to_agency_code})`],
        ['ສະຖານະ / Status', both(REFERRAL_STATUS_LABELS[r.status], r.status)],
        ['ຄວາມຮີບດ່ວນ / Urgency', both(URGENCY_LABELS[r.urgency], r.urgency)],
        ['ບໍລິການ / Services', r.service_types.map((t) => both(SERVICE_TYPE_LABELS[t], t)).join('; ')],
        ['ສົ່ງເມື່ອ / Sent', r.created_at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'],
        [
          'ກຳນົດບໍລິການ / Services due by',
          r.services_due_by ? r.services_due_by.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : null,
        ],
        ['ຂໍ້ມູນທີ່ແບ່ງປັນ / Data shared', r.printed_categories.map(heading).join('; ')],
      ],
      paragraphs: [
        `ເຫດຜົນ / Reason: ${cipher.decrypt(r.reason_enc, { table: 'referral', column: 'reason_enc', rowId: r.id }) ?? '—'}`,
      ],
    },
    {
      heading: heading('CASE_SUMMARY'),
      lines: [
        ['ເລກກໍລະນີ / Case number', r.case_number],
        ['ແຂວງ / Province', both(PROVINCE_LABELS[r.province_code as keyof typeof PROVINCE_LABELS], r.province_code)],
        ['Exploitation types', r.exploitation_types.join(', ') || null],
        ['Needs', r.needs.join(', ') || null],
        ['Risk level', r.risk_level],
      ],
    },
  ];
  for (const c of r.printed_categories) {
    if (c === 'IDENTITY' && r.person_id && r.identity_enc) {
      const id = cipher.decryptJson<IdentityJson>(r.identity_enc, {
        table: 'person',
        column: 'identity_enc',
        rowId: r.person_id,
      });
      sections.push({
        heading: heading(c),
        lines: [
          ['ຊື່ / Given name', id?.givenNameLo ?? null],
          ['ນາມສະກຸນ / Family name', id?.familyNameLo ?? null],
          ['Latin names', (id?.latinNames ?? []).join('; ') || null],
          ['ເພດ / Sex', r.sex],
          ['ວັນເກີດ / Date of birth', id?.dateOfBirth ?? null],
        ],
      });
    }
    const column = {
      CONTACT_LOCATION: 'contact_enc',
      EXPLOITATION_ACCOUNT: 'exploitation_enc',
      PERPETRATORS: 'perpetrators_enc',
      HEALTH: 'health_enc',
      LEGAL_PROCEEDINGS: 'legal_enc',
    }[c as string] as keyof ReferralPrintRow | undefined;
    const ct = column ? r[column] : null;
    if (column && typeof ct === 'string') {
      const v = cipher.decryptJson<unknown>(ct, caseBind(column));
      const lines = Array.isArray(v)
        ? v.map((x, i) => [`${i + 1}`, JSON.stringify(x)] as [string, string])
        : recordLines(v);
      sections.push({ heading: heading(c), lines });
    }
  }
  return sections;
}

/** The printable referral as PDF bytes (A4, Noto Sans Lao embedded for the Lao runs). */
export async function renderReferralPdf(cipher: FieldCipher, r: ReferralPrintRow, printedFor: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (b: Buffer) => chunks.push(b));
  await writeCasePdf(
    out,
    `ໃບສົ່ງຕໍ່ / Referral ${r.case_number}`,
    `Printed ${new Date().toISOString()} for ${printedFor}. ລັບ / Confidential: only the data the victim consented to share.`,
    referralPrintSections(cipher, r),
  );
  return Buffer.concat(chunks);
}
