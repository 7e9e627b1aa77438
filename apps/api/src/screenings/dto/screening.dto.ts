import { applyDecorators } from '@nestjs/common';
import type {
  ApproveScreeningRequest,
  ReturnScreeningRequest,
  ScreeningListQuery,
  ScreeningVersionRequest,
  TerminateScreeningRequest,
} from '@ctms/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  BORDER_CROSSING_CODES,
  CONSENT_FORMS,
  CONSENT_GIVERS,
  DISTRICT_CODES,
  ILO_INDICATORS,
  INDICATOR_ANSWER_VALUES,
  INTERVIEW_CONSENT_ANSWERS,
  PROVINCE_CODES,
  SCREENING_STATUSES,
  SERVICE_TYPES,
  type ConsentForm,
  type ConsentGiver,
  type IndicatorAnswerValue,
  type InterviewConsentAnswer,
  type ScreeningStatus,
  DOB_PRECISIONS,
  type DobPrecision,
  AGE_ASSESSMENT_METHODS,
  DOCUMENT_HOLDERS,
  EDUCATION_LEVELS,
  EXIT_METHODS,
  EXPLOITATION_TYPES,
  FACILITY_TYPES,
  IDENTITY_DOCUMENT_TYPES,
  INDUSTRY_SECTIONS,
  INTERPRETER_MODES,
  INTERPRETER_RELATIONS,
  INTERVIEWER_ASSESSMENTS,
  MARITAL_STATUSES,
  MEANS_OF_CONTROL,
  MIGRATION_STATUSES,
  PRESENT_PERSON_ROLES,
  PROCEEDINGS_WILLINGNESS,
  PREFERRED_INTERVIEWER_GENDERS,
  RECRUITER_RELATIONS,
  RECRUITMENT_METHODS,
  REFERRAL_SOURCES,
  SAFETY_RISKS,
  SEX_EXPLOITATION_TYPES,
  SEXES,
  TERMINATION_REASONS,
  TRANSPORT_MEANS,
  TRAVEL_DOCUMENTS_USED,
  WEBSITES_AND_APPS,
  YES_NO_UNKNOWN,
  YES_NO_UNKNOWN_NA,
  type InterviewerAssessment,
  type TerminationReason,
} from '@ctms/domain';
import { PageQueryDto, Trim } from '../../platform/http/pagination';
import { IsPastDate, IsPastInstant } from '../../platform/http/dates';
import { IdOf } from '../../platform/access/id-of';

/*
 * Every section of the screening interview (docs/reference.md "IOM screening interview").
 * In a draft every field is optional: the interviewer saves whenever they like. Types are strict:
 * unknown fields (the global ValidationPipe forbids them), unknown codes and impossible dates are a
 * 400 naming the field. Completeness is checked at submit and approval, not here.
 */

const SHORT = 200;
const LONG = 8000;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
const COUNTRY = /^[A-Z]{2}$/;
const INDICATOR_CODES = ILO_INDICATORS.map((d) => d.code);

const Text = (max = SHORT) =>
  applyDecorators(ApiPropertyOptional({ maxLength: max }), IsOptional(), Trim(), IsString(), MaxLength(max));
const Code = (list: readonly string[]) =>
  applyDecorators(ApiPropertyOptional({ enum: list }), IsOptional(), IsIn(list));
const Codes = (list: readonly string[]) =>
  applyDecorators(
    ApiPropertyOptional({ enum: list, isArray: true }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(list.length),
    ArrayUnique(),
    IsIn(list, { each: true }),
  );
const Bool = () => applyDecorators(ApiPropertyOptional(), IsOptional(), IsBoolean());
const Int = (min: number, max: number) =>
  applyDecorators(ApiPropertyOptional({ minimum: min, maximum: max }), IsOptional(), IsInt(), Min(min), Max(max));
const PastDate = () =>
  applyDecorators(ApiPropertyOptional({ format: 'date', example: '2025-03-01' }), IsOptional(), IsPastDate());
const Texts = (maxItems: number, max = SHORT) =>
  applyDecorators(
    ApiPropertyOptional({ type: [String] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MaxLength(max, { each: true }),
  );
// swagger takes a lazy type only from a function named `type`: a thunk passed through a variable
// produced `$ref: '#/components/schemas/'` for every section (an OpenAPI document no client could use)
const Nested = <T>(cls: () => new () => T, isArray = false) =>
  applyDecorators(
    ApiPropertyOptional({ type: () => cls(), isArray }),
    IsOptional(),
    ValidateNested({ each: isArray }),
    Type(cls),
  );

// ---------------------------------------------------------------------------------------------
// A. Interview metadata

export class PresentPersonDto {
  @ApiProperty({ enum: PRESENT_PERSON_ROLES })
  @IsIn(PRESENT_PERSON_ROLES)
  role: string;

  @Bool() accompanyingInterviewee?: boolean;
}

export class MetadataDto {
  @ApiPropertyOptional({
    enum: PROVINCE_CODES,
    description: 'province of the interview location; decides who may see the screening. Required at creation.',
  })
  @IsOptional()
  @IsIn(PROVINCE_CODES, { message: 'provinceCode must be one of the 18 province codes (01–18)' })
  provinceCode?: string;

  @ApiPropertyOptional({
    enum: DISTRICT_CODES,
    description: 'a district code (libs/domain places.ts) of metadata.provinceCode; never free text',
  })
  @IsOptional()
  @IsIn(DISTRICT_CODES, { message: 'district must be a district code' })
  district?: string;

  @Code(FACILITY_TYPES) facilityType?: string;

  @ApiPropertyOptional({ enum: BORDER_CROSSING_CODES })
  @IsOptional()
  @IsIn(BORDER_CROSSING_CODES, { message: 'crossingPoint must be a border crossing code' })
  crossingPoint?: string;

  /** free text about an informal or other crossing: kept in the encrypted content, never in a column */
  @Text(SHORT) crossingPointDetail?: string;
  /** a place the district list lacks; encrypted like the crossing detail */
  @Text(SHORT) districtDetail?: string;
  @Code(REFERRAL_SOURCES) referralSource?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-01-15T09:30:00+07:00' })
  @IsOptional()
  @IsPastInstant()
  interviewAt?: string;

  @ApiPropertyOptional({ example: 'lo', description: 'ISO 639 code' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Matches(LANGUAGE_TAG, { message: 'interviewLanguage must be an ISO 639 language code such as lo, th, hmn' })
  interviewLanguage?: string;

  @Nested(() => PresentPersonDto, true)
  @IsArray()
  @ArrayMaxSize(20)
  othersPresent?: PresentPersonDto[];

  @Code(PREFERRED_INTERVIEWER_GENDERS) preferredInterviewerGender?: string;
  @Bool() preferredInterviewerGenderHonoured?: boolean;
}

// Interpreter (docs/reference.md "IOM screening interview")

export class InterpreterDto {
  @Bool() used?: boolean;

  @ApiPropertyOptional({ example: 'th-lo' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^[a-z]{2,3}-[a-z]{2,3}$/, {
    message: 'languagePair must be two ISO 639 codes joined by a hyphen, e.g. th-lo',
  })
  languagePair?: string;

  @Code(INTERPRETER_RELATIONS) relationToInterviewee?: string;
  @Bool() confidentialitySigned?: boolean;
  @PastDate() confidentialitySignedOn?: string;
  @Bool() trained?: boolean;
  @Code(INTERPRETER_MODES) mode?: string;
  @Text(200) agency?: string;
}

// B. Interview consent (docs/domain.md "Interview consent"): the seven questions, who gave it, in what form

export class InterviewConsentDto {
  @Code(INTERVIEW_CONSENT_ANSWERS) CONSENTS_TO_INTERVIEW?: InterviewConsentAnswer;
  @Code(INTERVIEW_CONSENT_ANSWERS) INFORMED_OF_PURPOSE?: InterviewConsentAnswer;
  @Code(INTERVIEW_CONSENT_ANSWERS) INFORMED_OF_DATA_USE?: InterviewConsentAnswer;
  @Code(INTERVIEW_CONSENT_ANSWERS) INFORMED_OF_RESEARCH_USE?: InterviewConsentAnswer;
  @Code(INTERVIEW_CONSENT_ANSWERS) INFORMED_OF_RIGHT_OF_ACCESS?: InterviewConsentAnswer;
  @Code(INTERVIEW_CONSENT_ANSWERS) INFORMED_OF_RETENTION?: InterviewConsentAnswer;
  @Code(INTERVIEW_CONSENT_ANSWERS) INFORMED_OF_WITHDRAWAL?: InterviewConsentAnswer;

  @ApiPropertyOptional({ enum: CONSENT_GIVERS, description: 'for a child: PARENT, LEGAL_GUARDIAN or SOCIAL_WORKER' })
  @IsOptional()
  @IsIn(CONSENT_GIVERS)
  givenBy?: ConsentGiver;

  @ApiPropertyOptional({ enum: CONSENT_FORMS })
  @IsOptional()
  @IsIn(CONSENT_FORMS)
  form?: ConsentForm;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsPastInstant()
  recordedAt?: string;
}

// C. Bio-data (PersonIdentityInput, every field optional in a draft, plus the interview's own facts)

export class IdentityDocumentDto {
  @ApiProperty({ enum: IDENTITY_DOCUMENT_TYPES })
  @IsIn(IDENTITY_DOCUMENT_TYPES)
  type: string;

  @ApiProperty({ maxLength: 64 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  number: string;

  @Code(DOCUMENT_HOLDERS) heldBy?: string;
}

export class GuardianDto {
  @ApiProperty({ maxLength: SHORT })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(SHORT)
  name: string;

  @ApiProperty({ maxLength: 60 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  relation: string;

  @Text(32) phone?: string;
}

export class BioDataDto {
  @IdOf('person', {
    optional: true,
    description:
      'an existing person the agency already sees (duplicate search, or an answered match request); approval then creates no new person',
  })
  personId?: string;

  @Text(SHORT) givenNameLo?: string;
  @Text(SHORT) familyNameLo?: string;
  @Texts(10) latinNames?: string[];
  @Texts(10) nicknames?: string[];
  @Texts(10) previousNames?: string[];
  @Code(SEXES) sex?: string;
  @PastDate() dateOfBirth?: string;
  @Code(DOB_PRECISIONS) dobPrecision?: DobPrecision;
  @Bool() presumedMinor?: boolean;
  @Int(0, 120) ageAtInterview?: number;
  @Int(0, 120) ageWhenTrafficked?: number;
  @Code(AGE_ASSESSMENT_METHODS) ageAssessmentMethod?: string;

  @ApiPropertyOptional({ type: [String], example: ['LA'], description: 'ISO 3166 alpha-2' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @Matches(COUNTRY, { each: true, message: 'each citizenship must be an ISO 3166 alpha-2 code such as LA' })
  citizenship?: string[];

  @Text(80) ethnicity?: string;

  @ApiPropertyOptional({ type: [String], example: ['lo', 'hmn'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(LANGUAGE_TAG, { each: true, message: 'each language must be an ISO 639 code' })
  languages?: string[];

  @Code(EDUCATION_LEVELS) education?: string;
  @Code(MARITAL_STATUSES) maritalStatus?: string;
  @Int(0, 30) numberOfChildren?: number;
  @Text(SHORT) placeOfBirth?: string;
  @Text(SHORT) homeVillage?: string;
  @Text(SHORT) homeDistrict?: string;

  @ApiPropertyOptional({ enum: PROVINCE_CODES })
  @IsOptional()
  @IsIn(PROVINCE_CODES, { message: 'homeProvince must be one of the 18 province codes (01–18)' })
  homeProvince?: string;

  @Nested(() => IdentityDocumentDto, true)
  @IsArray()
  @ArrayMaxSize(10)
  documents?: IdentityDocumentDto[];

  @Nested(() => GuardianDto) guardian?: GuardianDto;
  @Text(32) phone?: string;
  @Text(SHORT) safeContactMethod?: string;
}

// D–H. The account

export class RecruitmentDto {
  @PastDate() dateLeftHome?: string;
  @Text(LONG) reasonForLeaving?: string;
  @Code(RECRUITER_RELATIONS) recruiterRelation?: string;
  @Codes(RECRUITMENT_METHODS) methods?: string[];
  @Codes(WEBSITES_AND_APPS) websitesAndApps?: string[];
  @Text(LONG) promisedJob?: string;
  @Text(SHORT) promisedWage?: string;
  @Text(SHORT) promisedLocation?: string;
  @Text(LONG) feesOrDebt?: string;
  @Text(SHORT) documentsArrangedBy?: string;
  @Code(YES_NO_UNKNOWN_NA) parentalKnowledge?: string;
  @Text(LONG) narrative?: string;
}

export class JourneyEventDto {
  @PastDate() date?: string;

  @ApiPropertyOptional({ example: 'TH' })
  @IsOptional()
  @Matches(COUNTRY, { message: 'country must be an ISO 3166 alpha-2 code' })
  country?: string;

  @Text(SHORT) place?: string;
  @Text(LONG) description?: string;
}

export class TransitDto {
  @Text(LONG) route?: string;
  @Codes(BORDER_CROSSING_CODES) crossingPoints?: string[];
  /** what the codes cannot say (an informal crossing's description, older free-text entries) */
  @Text(LONG) crossingPointsDetail?: string;
  @Codes(TRANSPORT_MEANS) transportMeans?: string[];
  @Code(TRAVEL_DOCUMENTS_USED) documentsUsed?: string;
  @Text(SHORT) accompaniedBy?: string;
  @Bool() irregularCrossing?: boolean;
  @Text(LONG) payments?: string;

  @Nested(() => JourneyEventDto, true)
  @IsArray()
  @ArrayMaxSize(30)
  events?: JourneyEventDto[];

  @Text(LONG) narrative?: string;
}

export class DestinationDto {
  @ApiPropertyOptional({ example: 'TH' })
  @IsOptional()
  @Matches(COUNTRY, { message: 'country must be an ISO 3166 alpha-2 code' })
  country?: string;

  @Text(SHORT) province?: string;
  @Text(SHORT) city?: string;
  @Codes(EXPLOITATION_TYPES) exploitationTypes?: string[];
  @Codes(INDUSTRY_SECTIONS) industries?: string[];
  @Codes(SEX_EXPLOITATION_TYPES) sexExploitationTypes?: string[];
  @Text(LONG) actualVersusPromisedWork?: string;
  @Int(0, 24) hoursPerDay?: number;
  @Int(0, 7) daysPerWeek?: number;
  @Text(LONG) payAndDeductions?: string;
  @Text(LONG) livingConditions?: string;
  @Code(YES_NO_UNKNOWN) freeToMove?: string;
  @Code(YES_NO_UNKNOWN) freeToCommunicate?: string;
  @Code(YES_NO_UNKNOWN) documentsConfiscated?: string;
  @Codes(MEANS_OF_CONTROL) meansOfControl?: string[];
  @Int(0, 600) durationMonths?: number;
  @Text(LONG) narrative?: string;
}

export class ExitDto {
  @Code(EXIT_METHODS) method?: string;
  @PastDate() date?: string;
  @Code(MIGRATION_STATUSES) migrationStatus?: string;
  @Text(LONG) narrative?: string;
}

export class NeedsAndRisksDto {
  @Bool() urgentMedicalNeed?: boolean;
  @Bool() injuries?: boolean;
  @Code(YES_NO_UNKNOWN) pregnancy?: string;
  @Bool() mentalHealthDistress?: boolean;
  @Codes(SAFETY_RISKS) safetyRisks?: string[];
  @Text(LONG) returnWishes?: string;
  @Bool() familyTracingWanted?: boolean;
  @Code(PROCEEDINGS_WILLINGNESS) willingToTakePartInProceedings?: string;
  @Codes(SERVICE_TYPES) servicesNeeded?: string[];
  @Text(LONG) notes?: string;
}

// I. Indicators

export class IndicatorAnswerDto {
  @ApiProperty({ enum: INDICATOR_CODES, example: 'DR01' })
  @IsIn(INDICATOR_CODES, { message: 'code must be an ILO/EC indicator code' })
  code: string;

  @ApiProperty({ enum: INDICATOR_ANSWER_VALUES })
  @IsIn(INDICATOR_ANSWER_VALUES)
  answer: IndicatorAnswerValue;

  @Text(LONG) evidence?: string;
}

// ---------------------------------------------------------------------------------------------
// Bodies

/**
 * The sections of a screening. A section sent replaces that section whole; a section left out stays
 * as it was; a section sent as null is cleared (metadata.provinceCode always stays).
 */
export class ScreeningSectionsDto {
  @Nested(() => MetadataDto) metadata?: MetadataDto | null;
  @Nested(() => InterpreterDto) interpreter?: InterpreterDto | null;
  @Nested(() => InterviewConsentDto) interviewConsent?: InterviewConsentDto | null;
  @Nested(() => BioDataDto) bioData?: BioDataDto | null;
  @Nested(() => RecruitmentDto) recruitment?: RecruitmentDto | null;
  @Nested(() => TransitDto) transit?: TransitDto | null;
  @Nested(() => DestinationDto) destinationAndExploitation?: DestinationDto | null;
  @Nested(() => ExitDto) exit?: ExitDto | null;
  @Nested(() => NeedsAndRisksDto) needsAndRisks?: NeedsAndRisksDto | null;

  @Nested(() => IndicatorAnswerDto, true)
  @IsArray()
  @ArrayMaxSize(INDICATOR_CODES.length)
  indicatorAnswers?: IndicatorAnswerDto[] | null;

  @ApiPropertyOptional({ enum: INTERVIEWER_ASSESSMENTS })
  @IsOptional()
  @IsIn(INTERVIEWER_ASSESSMENTS)
  interviewerAssessment?: InterviewerAssessment | null;

  @Text(LONG) assessmentRationale?: string | null;
}

export class CreateScreeningDto extends ScreeningSectionsDto {}

export class UpdateScreeningDto extends ScreeningSectionsDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

export class VersionDto implements ScreeningVersionRequest {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

export class ApproveScreeningDto extends VersionDto implements ApproveScreeningRequest {
  @Text(LONG) comment?: string;
}

export class ReturnScreeningDto extends VersionDto implements ReturnScreeningRequest {
  @ApiProperty({ maxLength: LONG })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'comment is required: say what the interviewer should add or correct' })
  @MaxLength(LONG)
  comment: string;
}

export class TerminateScreeningDto extends VersionDto implements TerminateScreeningRequest {
  @ApiProperty({ enum: TERMINATION_REASONS })
  @IsIn(TERMINATION_REASONS)
  reason: TerminationReason;

  @Text(LONG) note?: string;
}

export class ListScreeningsQueryDto extends PageQueryDto implements ScreeningListQuery {
  @ApiPropertyOptional({ enum: SCREENING_STATUSES })
  @IsOptional()
  @IsIn(SCREENING_STATUSES)
  status?: ScreeningStatus;

  @ApiPropertyOptional({ description: 'true: only the screenings I interviewed' })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';
}
