import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** An empty query parameter (`?status=`) means "no filter", as a form's empty select sends it. */
export const EmptyAsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

export const PAGE_MAX_LIMIT = 200;
/**
 * The deepest a list may be paged by offset. Far beyond any court's list; its point is that a
 * number such as 1e20 is refused at the edge instead of failing in the database as a 500.
 */
export const PAGE_MAX_OFFSET = 1_000_000;

/** Paging for every list the api serves: one declaration of its bounds. */
export class PageQuery {
  @ApiPropertyOptional({ type: Number, default: 50, minimum: 1, maximum: PAGE_MAX_LIMIT })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX_LIMIT)
  limit: number = 50;

  @ApiPropertyOptional({ type: Number, default: 0, minimum: 0, maximum: PAGE_MAX_OFFSET })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(PAGE_MAX_OFFSET)
  offset: number = 0;
}
