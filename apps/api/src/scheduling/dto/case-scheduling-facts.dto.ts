import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HEARING_TYPES, type HearingType } from '@ejustice/vocabulary';
import {
  CASE_SCHEDULING_LIMITS as L,
  type CaseHearingNeedFacts,
  type CaseSchedulingFactsUpdate,
  type CaseSchedulingPersonFacts,
  LANGUAGE_CODE_PATTERN,
  PERSON_KEY_PATTERN,
  type SchedulingPersonRole,
  SPECIALISM_PATTERN,
} from '@ejustice/scheduling-data/contract/case-scheduling-facts.contract';

/*
 * Types and bounds at the edge; the rules across fields (custody and its limit together, a
 * witness's key, the parties named, the published hearings needed kept) are the lib's
 * (case-scheduling-facts.ts), answered with a `scheduling.*` code. Every field is required: the
 * body is the whole of the facts; null says "none".
 */

const PERSON_ROLES: readonly SchedulingPersonRole[] = ['victim', 'witness'];

export class CaseSchedulingPersonDto implements CaseSchedulingPersonFacts {
  @ApiProperty({ enum: PERSON_ROLES })
  @IsIn(PERSON_ROLES)
  role!: SchedulingPersonRole;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A party of the case with the same role; null when not a party',
  })
  @ValidateIf((o: CaseSchedulingPersonDto) => o.partyId !== null)
  @IsUUID()
  partyId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: L.personKeyLength,
    description: 'A witness’s key across cases (required for a witness), never a name',
    example: 'w-17',
  })
  @ValidateIf((o: CaseSchedulingPersonDto) => o.personKey !== null)
  @IsString()
  @Length(1, L.personKeyLength)
  @Matches(PERSON_KEY_PATTERN, { message: '$property must be letters, digits or ._:- without spaces (w-17), never a name' })
  personKey!: string | null;

  @ApiProperty()
  @IsBoolean()
  child!: boolean;

  @ApiProperty()
  @IsBoolean()
  vulnerable!: boolean;
}

export class CaseHearingNeedDto implements CaseHearingNeedFacts {
  @ApiProperty({ enum: HEARING_TYPES })
  @IsIn(HEARING_TYPES)
  type!: HearingType;

  @ApiProperty({ minimum: 1, maximum: L.minutes, description: 'Estimated duration' })
  @IsInt()
  @Min(1)
  @Max(L.minutes)
  minutes!: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: L.minDaysAfterPrevious })
  @ValidateIf((o: CaseHearingNeedDto) => o.minDaysAfterPrevious !== null)
  @IsInt()
  @Min(0)
  @Max(L.minDaysAfterPrevious)
  minDaysAfterPrevious!: number | null;
}

/** PUT /api/cases/:caseId/scheduling */
export class CaseSchedulingFactsDto implements CaseSchedulingFactsUpdate {
  @ApiProperty({ description: 'The version read with GET; a stale one is refused (409 scheduling.facts_stale)' })
  @IsString()
  @Length(1, 64)
  version!: string;

  @ApiProperty({ type: String, nullable: true, maxLength: L.offenceLength, example: 'trafficking in persons' })
  @ValidateIf((o: CaseSchedulingFactsDto) => o.offence !== null)
  @IsString()
  @Length(1, L.offenceLength)
  offence!: string | null;

  @ApiProperty()
  @IsBoolean()
  inCustody!: boolean;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The custody time limit’s expiry; exactly when in custody' })
  @ValidateIf((o: CaseSchedulingFactsDto) => o.custodyLimit !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  custodyLimit!: string | null;

  @ApiProperty({ type: [String], maxItems: L.languages, example: ['ar'] })
  @IsArray()
  @ArrayMaxSize(L.languages)
  @IsString({ each: true })
  @Matches(LANGUAGE_CODE_PATTERN, { each: true, message: '$property must hold ISO 639 language codes in lower case (ar, fr, ar-MA)' })
  interpreterLanguages!: string[];

  @ApiProperty()
  @IsBoolean()
  needsIntermediary!: boolean;

  @ApiProperty()
  @IsBoolean()
  needsSupporter!: boolean;

  @ApiProperty()
  @IsBoolean()
  needsLiveLink!: boolean;

  @ApiProperty()
  @IsBoolean()
  remoteAllowed!: boolean;

  @ApiProperty({ type: [String], maxItems: L.specialisms, example: ['child_victims'] })
  @IsArray()
  @ArrayMaxSize(L.specialisms)
  @IsString({ each: true })
  @MaxLength(L.specialismLength, { each: true })
  @Matches(SPECIALISM_PATTERN, { each: true, message: '$property must hold lower-case words (trafficking, child_victims)' })
  judgeSpecialisms!: string[];

  @ApiProperty({ type: [CaseSchedulingPersonDto], maxItems: L.people })
  @IsArray()
  @ArrayMaxSize(L.people)
  @ValidateNested({ each: true })
  @Type(() => CaseSchedulingPersonDto)
  people!: CaseSchedulingPersonDto[];

  @ApiProperty({ type: [CaseHearingNeedDto], maxItems: L.hearings, description: 'The hearings still needed, in order' })
  @IsArray()
  @ArrayMaxSize(L.hearings)
  @ValidateNested({ each: true })
  @Type(() => CaseHearingNeedDto)
  hearings!: CaseHearingNeedDto[];
}
