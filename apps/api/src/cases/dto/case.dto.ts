import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AssignCaseRequest,
  CaseContactRequest,
  CaseHealthRequest,
  CaseLegalRequest,
  CaseListQuery,
  CasePlanRequest,
  CloseCaseRequest,
  CreateNoteRequest,
  ExploitationRequest,
  IdentificationRequest,
  JourneyEventRequest,
  PerpetratorRequest,
  ReopenCaseRequest,
  TransitionCaseRequest,
  UpdateCaseRequest,
  VersionedRequest,
} from '@ctms/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CASE_STATUSES,
  IDENTIFICATION_STATUSES,
  type CaseFilterSwitch,
  type IdentificationStatus,
  CLOSURE_REASONS,
  HTCDS_SUPPORT_PLAN_TYPES,
  PROVINCE_CODES,
  SERVICE_TYPES,
  type CaseStatus,
  type ClosureReason,
  type DataCategory,
  type HtcdsSupportPlanType,
  type ProvinceCode,
  type ServiceType,
  EXPLOITATION_TYPES,
  JOURNEY_STAGES,
  MEANS_OF_CONTROL,
  PERPETRATOR_RELATIONS,
  PERPETRATOR_ROLES,
  RISK_LEVELS,
  type ExploitationType,
  type JourneyStage,
  type MeansOfControl,
  type PerpetratorRelation,
  type PerpetratorRole,
  type RiskLevel,
  CASE_LIST_SORTS,
  type CaseListSort,
} from '@ctms/domain';
import { IsCalendarDate, IsPastDate } from '../../platform/http/dates';
import { PageQueryDto, Trim } from '../../platform/http/pagination';
import { IdOf } from '../../platform/access/id-of';

const TEXT = 10_000;
const SHORT = 500;
const ISO_COUNTRY = /^[A-Z]{2}$/;

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

export class ListCasesQueryDto extends PageQueryDto implements CaseListQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: PROVINCE_CODES })
  @IsOptional()
  @IsIn(PROVINCE_CODES)
  province?: ProvinceCode;

  @ApiPropertyOptional({ description: "a user id, or 'me'" })
  @IsOptional()
  @IsString()
  @Matches(/^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
    message: "assignedTo must be a user id or 'me'",
  })
  assignedTo?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: nobody is assigned; false: somebody is' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unassigned?: CaseFilterSwitch;

  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: RiskLevel;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'the CHILD flag set (true) or not (false)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  child?: CaseFilterSwitch;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'the RESTRICTED flag set (true) or not (false)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  restricted?: CaseFilterSwitch;

  @ApiPropertyOptional({ enum: IDENTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(IDENTIFICATION_STATUSES)
  identification?: IdentificationStatus;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: a plan task or an expected visit is past its due day; false: nothing is',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: CaseFilterSwitch;

  @ApiPropertyOptional({
    enum: CASE_LIST_SORTS,
    description: 'recent (default): most recently changed first; due: the cases with something due, earliest first',
  })
  @IsOptional()
  @IsIn(CASE_LIST_SORTS)
  sort?: CaseListSort;
}

// ---------------------------------------------------------------------------------------------
// Protected categories (each one encrypted blob)
// ---------------------------------------------------------------------------------------------

export class JourneyEventDto implements JourneyEventRequest {
  @ApiProperty({ enum: JOURNEY_STAGES })
  @IsIn(JOURNEY_STAGES)
  stage: JourneyStage;

  @ApiPropertyOptional({ maxLength: SHORT })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(SHORT)
  place?: string;

  @ApiPropertyOptional({ format: 'date', description: 'YYYY-MM-DD, not in the future (Lao time)' })
  @IsOptional()
  @IsPastDate()
  date?: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  description?: string;
}

/** EXPLOITATION_ACCOUNT */
export class ExploitationDto implements ExploitationRequest {
  @ApiPropertyOptional({ maxLength: 50_000 })
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  narrative?: string;

  @ApiPropertyOptional({ type: [JourneyEventDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => JourneyEventDto)
  journeyEvents?: JourneyEventDto[];

  @ApiPropertyOptional({ enum: MEANS_OF_CONTROL, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(MEANS_OF_CONTROL, { each: true })
  meansOfControl?: MeansOfControl[];
}

/** PERPETRATORS: one entry per suspect */
export class PerpetratorDto implements PerpetratorRequest {
  @ApiProperty({ enum: PERPETRATOR_ROLES })
  @IsIn(PERPETRATOR_ROLES)
  role: PerpetratorRole;

  @ApiPropertyOptional({ enum: PERPETRATOR_RELATIONS })
  @IsOptional()
  @IsIn(PERPETRATOR_RELATIONS)
  relationToVictim?: PerpetratorRelation;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  description?: string;
}

/** HEALTH */
export class HealthDto implements CaseHealthRequest {
  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  medical?: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  psychological?: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  notes?: string;
}

/** CONTACT_LOCATION: where the person is now and how to reach them safely */
export class ContactDto implements CaseContactRequest {
  @ApiPropertyOptional({ maxLength: SHORT })
  @IsOptional()
  @IsString()
  @MaxLength(SHORT)
  currentShelter?: string;

  @ApiPropertyOptional({ maxLength: SHORT })
  @IsOptional()
  @IsString()
  @MaxLength(SHORT)
  safeContact?: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  notes?: string;
}

import { TESTIFY_ANSWERS } from '@ctms/domain';

/** LEGAL_PROCEEDINGS */
export class LegalDto implements CaseLegalRequest {
  @ApiPropertyOptional({ enum: TESTIFY_ANSWERS, description: 'optional: assistance never depends on it' })
  @IsOptional()
  @IsIn(TESTIFY_ANSWERS)
  willingToTestify?: (typeof TESTIFY_ANSWERS)[number];

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  notes?: string;
}

/** The case plan (HTCDS spl_) */
export class PlanDto implements CasePlanRequest {
  @ApiPropertyOptional({ enum: HTCDS_SUPPORT_PLAN_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(HTCDS_SUPPORT_PLAN_TYPES, { each: true })
  types?: HtcdsSupportPlanType[];

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  objectives?: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  actionPlan?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  plannedEndDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'YYYY-MM-DD, not in the future (Lao time)' })
  @IsOptional()
  @IsPastDate()
  actualEndDate?: string;
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

export class VersionDto implements VersionedRequest {
  @ApiProperty({ minimum: 1, description: 'the version you read; a stale one answers 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;
}

/** Absent: unchanged. null: cleared. A category object replaces the whole category. */
export class UpdateCaseDto extends VersionDto implements UpdateCaseRequest {
  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(EXPLOITATION_TYPES, { each: true })
  exploitationTypes?: ExploitationType[] | null;

  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-2 codes', example: ['TH', 'CN'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @Matches(ISO_COUNTRY, { each: true, message: 'destinationCountries must hold ISO 3166-1 alpha-2 codes such as TH' })
  destinationCountries?: string[] | null;

  @ApiPropertyOptional({ enum: RISK_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: RiskLevel | null;

  @ApiPropertyOptional({ enum: SERVICE_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SERVICE_TYPES, { each: true })
  needs?: ServiceType[] | null;

  @ApiPropertyOptional({ type: ExploitationDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExploitationDto)
  exploitation?: ExploitationDto | null;

  @ApiPropertyOptional({ type: [PerpetratorDto], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PerpetratorDto)
  perpetrators?: PerpetratorDto[] | null;

  @ApiPropertyOptional({ type: HealthDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HealthDto)
  health?: HealthDto | null;

  @ApiPropertyOptional({ type: ContactDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto | null;

  @ApiPropertyOptional({ type: LegalDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalDto)
  legal?: LegalDto | null;

  @ApiPropertyOptional({ type: PlanDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanDto)
  plan?: PlanDto | null;
}

export class AssignCaseDto extends VersionDto implements AssignCaseRequest {
  @IdOf('user', {
    description: 'an active caseworker, investigator or supervisor of the lead agency whose scope covers the case',
  })
  userId: string;
}

import { STATUS_ACTIONS, type StatusAction } from '@ctms/domain';

export class TransitionCaseDto extends VersionDto implements TransitionCaseRequest {
  @ApiProperty({ enum: STATUS_ACTIONS, description: 'OPEN→ACTIVE, ACTIVE→FOLLOW_UP, FOLLOW_UP→ACTIVE' })
  @IsIn(STATUS_ACTIONS)
  action: StatusAction;
}

import { IDENTIFICATION_DECISIONS, type IdentificationDecision } from '@ctms/domain';

/** A formal identification decision: taken on the case directly, or on an identification request. */
export abstract class IdentificationDecisionDto {
  @ApiProperty({ enum: IDENTIFICATION_DECISIONS })
  @IsIn(IDENTIFICATION_DECISIONS)
  decision: IdentificationDecision;

  @ApiProperty({ format: 'date', description: 'YYYY-MM-DD, not in the future (Asia/Vientiane)' })
  @IsPastDate()
  decidedOn: string;

  @ApiProperty({ minLength: 3, maxLength: TEXT, description: 'encrypted at rest' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT)
  reasons: string;
}

export class IdentificationDto extends IdentificationDecisionDto implements IdentificationRequest {
  @ApiPropertyOptional({ minimum: 1, description: 'optional: when sent, a stale one answers 409 STALE_VERSION' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CloseCaseDto extends VersionDto implements CloseCaseRequest {
  @ApiProperty({ enum: CLOSURE_REASONS })
  @IsIn(CLOSURE_REASONS)
  reason: ClosureReason;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'required when reason is OTHER; kept as an encrypted note' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  note?: string;
}

export class ReopenCaseDto extends VersionDto implements ReopenCaseRequest {
  @ApiProperty({ minLength: 3, maxLength: TEXT, description: 'kept as an encrypted note' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT)
  reason: string;
}

import { NOTE_CATEGORIES } from '@ctms/domain';

export class CreateNoteDto implements CreateNoteRequest {
  @ApiProperty({ minLength: 1, maxLength: TEXT, description: 'encrypted at rest; notes are never edited' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  body: string;

  @ApiPropertyOptional({
    enum: NOTE_CATEGORIES,
    default: 'EXPLOITATION_ACCOUNT',
    description: 'the data category the note belongs to',
  })
  @IsOptional()
  @IsIn(NOTE_CATEGORIES)
  category?: DataCategory;
}
