import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { RESOURCE_LIMITS as L, RESOURCE_SESSION_KINDS } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';

/*
 * The fields the scheduling-resource DTOs share, each with its bounds: weekdays and kinds (null
 * for every day, every kind), tags (specialisms, equipment, languages), days and hours.
 */

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** ISO weekdays as the api document declares them: integers 1–7, so no number goes unbounded. */
export const WEEKDAY_ITEMS = { type: 'integer', minimum: 1, maximum: 7 } as const;

/** ISO weekdays 1–7, or null for every day. */
export function WeekdaysOrNull(description: string) {
  return applyDecorators(
    ApiProperty({
      type: 'array',
      items: WEEKDAY_ITEMS,
      maxItems: 7,
      nullable: true,
      description: `${description}; ISO weekdays, 1 = Monday … 7 = Sunday; null for every day`,
    }),
    ValidateIf((_o, v) => v !== null),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(7),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(7, { each: true }),
  );
}

/** Day and/or night sessions, or null for every kind. */
export function KindsOrNull(description: string) {
  return applyDecorators(
    ApiProperty({ enum: RESOURCE_SESSION_KINDS, isArray: true, nullable: true, description: `${description}; null for both` }),
    ValidateIf((_o, v) => v !== null),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(2),
    IsIn(RESOURCE_SESSION_KINDS, { each: true }),
  );
}

/** Short labels: specialisms, equipment, languages. */
export function Tags(description: string, example: string[], minSize = 0) {
  return applyDecorators(
    ApiProperty({ type: [String], description, example, maxItems: L.tags }),
    IsArray(),
    ArrayMinSize(minSize),
    ArrayMaxSize(L.tags),
    IsString({ each: true }),
    Length(1, L.tagLength, { each: true }),
  );
}

export function IsoDate(description: string, example: string) {
  return applyDecorators(
    ApiProperty({ description: `${description}, YYYY-MM-DD`, example }),
    IsString(),
    Matches(ISO_DATE, { message: '$property must be a date, YYYY-MM-DD' }),
  );
}

export function ClockTime(description: string, example: string) {
  return applyDecorators(
    ApiProperty({ description: `${description}, HH:MM in the court’s time zone`, example }),
    IsString(),
    Matches(CLOCK_TIME, { message: '$property must be a time, HH:MM' }),
  );
}
