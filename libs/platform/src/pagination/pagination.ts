import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';

/** `?limit=&cursor=` of every list (spec/README.md, Lists). Extend it for a list's filters. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s nextCursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One key of the sort order: a SQL expression, its direction, and how to read it off a row. */
export interface SortKey<T> {
  expr: string;
  direction: 'ASC' | 'DESC';
  value: (row: T) => string | number | Date | null;
  /** How a cursor value is cast in SQL, e.g. 'timestamptz', 'uuid', 'bigint'. */
  cast: string;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => v === null || ['string', 'number'].includes(typeof v))) {
      return values;
    }
  } catch {
    /* fall through */
  }
  throw DomainError.validation([{ field: 'cursor', message: 'cursor is not one this list issued' }]);
}

/**
 * Keyset pagination: the last key of the sort must be unique (usually the id). Reads one row
 * more than asked to know whether another page exists; never uses OFFSET.
 * All keys must share one direction, so that one row-value comparison selects the next page.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  keys: SortKey<T>[],
  query: PageQuery,
): Promise<Page<T>> {
  const limit = query.limit ?? 20;
  const direction = keys[0].direction;
  if (keys.some((k) => k.direction !== direction)) throw new Error('paginate: all sort keys must share one direction');
  if (query.cursor) {
    const values = decodeCursor(query.cursor, keys.length);
    const op = direction === 'ASC' ? '>' : '<';
    const left = keys.map((k) => k.expr).join(', ');
    const right = keys.map((k, i) => `CAST(:cursor${i} AS ${k.cast})`).join(', ');
    qb.andWhere(`(${left}) ${op} (${right})`, Object.fromEntries(values.map((v, i) => [`cursor${i}`, v])));
  }
  keys.forEach((k, i) => (i === 0 ? qb.orderBy(k.expr, k.direction) : qb.addOrderBy(k.expr, k.direction)));
  const rows = await qb.limit(limit + 1).getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(keys.map((k) => k.value(last))) : null;
  return { items, nextCursor };
}
