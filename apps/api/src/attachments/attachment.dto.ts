import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DATA_CATEGORIES, type DataCategory } from '@ctms/domain';
import { IdOf } from '../platform/access/id-of';

export const ATTACHMENT_KINDS = ['EVIDENCE', 'CONSENT_FORM', 'OTHER'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The text fields of the multipart upload (the file itself is the part named `file`). */
export class UploadAttachmentDto {
  @ApiProperty({ enum: ATTACHMENT_KINDS })
  @IsIn(ATTACHMENT_KINDS)
  kind: AttachmentKind;

  @ApiProperty({ enum: DATA_CATEGORIES, description: 'decides who may download it: e.g. LEGAL_PROCEEDINGS for evidence, IDENTITY for a signed consent form' })
  @IsIn(DATA_CATEGORIES)
  category: DataCategory;

  @IdOf('referral', { optional: true, description: 'a referral of this case the file belongs to' })
  referralId?: string;

  @IdOf('handoff', { optional: true, description: 'a prosecution handoff of this case the file belongs to' })
  handoffId?: string;
}

/** One attachment as the API returns it: the original file name decrypted, never the storage path. */
export interface AttachmentView {
  id: string;
  caseId: string;
  referralId: string | null;
  handoffId: string | null;
  kind: string;
  category: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  fileName: string;
  uploadedBy: { id: string; username: string | null; displayName: string | null };
  createdAt: string;
}
