import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CASE_TYPE_NAMES, CONFIDENTIALITY_LEVELS, type CaseType, type Confidentiality, PARTY_ROLES, type PartyRole } from '@ejustice/cases';
import {
  type DocumentMetadataRequest,
  FILING_TYPES,
  type FilingType,
  type NewCaseRequest,
  type ProposedPartyRequest,
  type SubmissionMetadataRequest,
  URGENCY_GROUNDS,
  type UrgencyGround,
} from '@ejustice/filing';

/** Whitespace alone is not a title or a name. */
const NOT_BLANK = /\S/;
const notBlank = () => Matches(NOT_BLANK, { message: '$property must not be blank' });

export class ProposedPartyDto implements ProposedPartyRequest {
  @ApiProperty({ enum: PARTY_ROLES }) @IsIn(PARTY_ROLES) partyRole: PartyRole;
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) @notBlank() fullName: string;
  @ApiPropertyOptional({
    default: false,
    description: 'Victims and vulnerable witnesses: shown by pseudonym to anyone not entitled to the name',
  })
  @IsOptional()
  @IsBoolean()
  isProtected?: boolean;
  @ApiPropertyOptional({ maxLength: 60, description: 'Shown in place of the name; one is given to a protected person without one' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  @notBlank()
  pseudonym?: string;
  @ApiPropertyOptional({ default: false, description: 'The filer is this party' }) @IsOptional() @IsBoolean() isFiler?: boolean;
  @ApiPropertyOptional({ default: false, description: 'The filer is counsel (or the prosecutor) for this party' })
  @IsOptional()
  @IsBoolean()
  representedByFiler?: boolean;
}

export class NewCaseDto implements NewCaseRequest {
  @ApiProperty({ enum: CASE_TYPE_NAMES }) @IsIn(CASE_TYPE_NAMES) caseType: CaseType;
  @ApiProperty({ minLength: 1, maxLength: 300 }) @IsString() @MinLength(1) @MaxLength(300) @notBlank() title: string;
  @ApiProperty({ enum: CONFIDENTIALITY_LEVELS }) @IsIn(CONFIDENTIALITY_LEVELS) confidentiality: Confidentiality;
  @ApiProperty({ type: [ProposedPartyDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProposedPartyDto)
  parties: ProposedPartyDto[];
}

export class DocumentMetadataDto implements DocumentMetadataRequest {
  @ApiProperty({ minLength: 1, maxLength: 300, description: 'What the document is, e.g. "Petition", "Exhibit 3: medical report"' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @notBlank()
  title: string;
  @ApiPropertyOptional({ enum: CONFIDENTIALITY_LEVELS, description: 'Defaults to the filing’s confidentiality' })
  @IsOptional()
  @IsIn(CONFIDENTIALITY_LEVELS)
  confidentiality?: Confidentiality;
}

/** The `metadata` part of a submission (multipart field, JSON): SubmissionMetadataRequest in the filing contract. */
export class SubmissionMetadataDto implements SubmissionMetadataRequest {
  @ApiProperty({ enum: FILING_TYPES }) @IsIn(FILING_TYPES) filingType: FilingType;
  @ApiPropertyOptional({ description: 'Subsequent filings: the case filed into' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ type: NewCaseDto, description: 'Petitions and complaints: the case to open' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewCaseDto)
  newCase?: NewCaseDto;
  @ApiProperty({ minLength: 1, maxLength: 300 }) @IsString() @MinLength(1) @MaxLength(300) @notBlank() title: string;
  @ApiProperty({ enum: CONFIDENTIALITY_LEVELS }) @IsIn(CONFIDENTIALITY_LEVELS) confidentiality: Confidentiality;
  @ApiPropertyOptional({ enum: URGENCY_GROUNDS, isArray: true, description: 'Grounds that put the filing at the head of the queue' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(URGENCY_GROUNDS, { each: true })
  urgency?: UrgencyGround[];
  @ApiProperty({ type: [DocumentMetadataDto], description: 'One per file part, same order; the first is the lead document' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DocumentMetadataDto)
  documents: DocumentMetadataDto[];
}
