import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PAGE_DEFAULT_LIMIT, PAGE_MAX_LIMIT, PAGE_MAX_OFFSET, type PageRequest } from '../contract/page';

/** An empty query parameter (`?status=`) means "no filter", as a form's empty select sends it. */
export const EmptyAsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** Paging for every list the api serves: one declaration of its bounds (libs/platform/src/contract/page.ts). */
export class PageQuery implements PageRequest {
  @ApiPropertyOptional({ type: Number, default: PAGE_DEFAULT_LIMIT, minimum: 1, maximum: PAGE_MAX_LIMIT })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX_LIMIT)
  limit: number = PAGE_DEFAULT_LIMIT;

  @ApiPropertyOptional({ type: Number, default: 0, minimum: 0, maximum: PAGE_MAX_OFFSET })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(PAGE_MAX_OFFSET)
  offset: number = 0;
}
