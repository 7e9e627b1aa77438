import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DATA_CATEGORIES,
  FORMER_LEAD_ACCESS,
  PROVINCE_CODES,
  TRANSFER_STATUSES,
  URGENCIES,
  type AcceptTransferRequest,
  type CancelTransferRequest,
  type CreateTransferRequest,
  type DataCategory,
  type DeclineTransferRequest,
  type FormerLeadAccess,
  type ProvinceCode,
  type TransferStatus,
  type Urgency,
} from '@ctms/domain';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IdOf } from '../../platform/access/id-of';
import { PageQueryDto, Trim } from '../../platform/http/pagination';
import { AcceptReferralDto, CancelReferralDto, DeclineReferralDto } from '../../referrals/dto/referral.dto';

export class CreateTransferDto implements CreateTransferRequest {
  @IdOf('agency', {
    description:
      'another agency (a lead transfer), or the case’s own lead agency with toProvinceCode (a province transfer)',
  })
  toAgencyId: string;

  @ApiPropertyOptional({
    enum: PROVINCE_CODES,
    description: "the province office that takes the case; default: the case's province",
  })
  @IsOptional()
  @IsIn(PROVINCE_CODES)
  toProvinceCode?: ProvinceCode;

  @ApiProperty({ enum: URGENCIES, description: 'sets respondBy: EMERGENCY 24 h, HIGH 72 h, ROUTINE 7 days' })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ maxLength: 10_000, description: 'why the case moves (stored encrypted)' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  reason: string;

  @ApiProperty({
    enum: DATA_CATEGORIES,
    isArray: true,
    description:
      'a lead transfer: what the receiver previews (CASE_SUMMARY implied), each covered by an active REFERRAL_SHARING consent for it; ignored for a province transfer',
  })
  @IsArray()
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  categories: DataCategory[];

  @ApiPropertyOptional({
    enum: FORMER_LEAD_ACCESS,
    description: "the victim's choice: the former lead keeps reading what it held (RETAIN, default) or nothing",
  })
  @IsOptional()
  @IsIn(FORMER_LEAD_ACCESS)
  formerLeadAccess?: FormerLeadAccess;
}

export const TRANSFER_BOXES = ['incoming', 'outgoing'] as const;
export type TransferBox = (typeof TRANSFER_BOXES)[number];

export class ListTransfersQueryDto extends PageQueryDto {
  @ApiProperty({
    enum: TRANSFER_BOXES,
    description: "incoming: asked of the caller's agency or province office; outgoing: asked by it",
  })
  @IsIn(TRANSFER_BOXES)
  box: TransferBox;

  @ApiPropertyOptional({ enum: TRANSFER_STATUSES })
  @IsOptional()
  @IsIn(TRANSFER_STATUSES)
  status?: TransferStatus;
}

/** The receiving side's answers and the sender's cancellation have the referral's shapes. */
export class AcceptTransferDto extends AcceptReferralDto implements AcceptTransferRequest {}
export class DeclineTransferDto extends DeclineReferralDto implements DeclineTransferRequest {}
export class CancelTransferDto extends CancelReferralDto implements CancelTransferRequest {}
