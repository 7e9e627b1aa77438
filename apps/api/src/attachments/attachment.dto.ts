import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  ATTACHMENT_KINDS,
  DATA_CATEGORIES,
  type AttachmentKind,
  type DataCategory,
  type UploadAttachmentRequest,
} from '@ctms/domain';
import { IdOf } from '../platform/access/id-of';

/* The kinds and AttachmentView live in @ctms/domain (decision 0020); re-exported here as a merge bridge. */

/** The text fields of the multipart upload (the file itself is the part named `file`). */
export class UploadAttachmentDto implements UploadAttachmentRequest {
  @ApiProperty({ enum: ATTACHMENT_KINDS })
  @IsIn(ATTACHMENT_KINDS)
  kind: AttachmentKind;

  @ApiProperty({
    enum: DATA_CATEGORIES,
    description: 'decides who may download it: e.g. LEGAL_PROCEEDINGS for evidence, IDENTITY for a signed consent form',
  })
  @IsIn(DATA_CATEGORIES)
  category: DataCategory;

  @IdOf('referral', { optional: true, description: 'a referral of this case the file belongs to' })
  referralId?: string;

  @IdOf('handoff', { optional: true, description: 'a prosecution handoff of this case the file belongs to' })
  handoffId?: string;
}
