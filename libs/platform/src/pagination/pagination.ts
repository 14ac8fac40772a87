import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';
import { isUnstorableText } from '../http/hostile-text.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** How a cursor value is cast in SQL; each has its check, so that no cast can fail in PostgreSQL. */
export type CursorCast = 'uuid' | 'timestamptz' | 'bigint' | 'int' | 'numeric' | 'text';

/** One key of the sort order: a SQL expression, its direction, and how to read it off a row. */
export interface SortKey<T> {
  expr: string;
  direction: 'ASC' | 'DESC';
  value: (row: T) => string | number | Date | null;
  cast: CursorCast;
}

/** The most keys any list sorts by; a cursor holding more was not issued by us. */
const MAX_CURSOR_VALUES = 8;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const INTEGER = /^-?\d{1,18}$/;
const DECIMAL = /^-?\d{1,20}(\.\d{1,20})?$/;
const INT4 = 2 ** 31;

/** Whether a decoded value can be cast to the key's SQL type without an error. */
function fitsCast(v: unknown, cast: CursorCast): boolean {
  if (v === null) return true;
  switch (cast) {
    case 'uuid':
      return typeof v === 'string' && UUID.test(v);
    case 'timestamptz':
      // A calendar check too: JavaScript reads 2026-02-30 as 2 March, PostgreSQL refuses it.
      return typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 19) === v.slice(0, 19);
    case 'bigint':
      return (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && INTEGER.test(v));
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v > -INT4 && v < INT4;
    case 'numeric':
      return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && DECIMAL.test(v));
    case 'text':
      return typeof v === 'string' && v.length <= 1000 && !isUnstorableText(v);
  }
}

const notOurs = () => DomainError.validation([{ field: 'cursor', message: 'cursor is not one this list issued' }]);

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');
}

/** The scalars a cursor holds, or undefined when it is not base64url JSON of a short array of scalars. */
function cursorValues(cursor: string): unknown[] | undefined {
  if (!BASE64URL.test(cursor)) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length > 0 && values.length <= MAX_CURSOR_VALUES && values.every((v) => v === null || ['string', 'number'].includes(typeof v))) {
      return values;
    }
  } catch {
    /* not JSON: not ours */
  }
  return undefined;
}

/** The cursor's values, each checked against its sort key's type; anything else is 400 on `cursor`. */
export function decodeCursor<T>(cursor: string, keys: readonly Pick<SortKey<T>, 'cast'>[]): unknown[] {
  const values = cursorValues(cursor);
  if (!values || values.length !== keys.length || !values.every((v, i) => fitsCast(v, keys[i].cast))) throw notOurs();
  return values;
}

/** PageQuery's check of the cursor's form, so that a route that looks nothing up first refuses it too. */
@ValidatorConstraint({ name: 'cursor' })
class CursorForm implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && cursorValues(value) !== undefined;
  }
  defaultMessage(): string {
    return 'cursor is not one this list issued';
  }
}

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
  @Validate(CursorForm)
  cursor?: string;
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
    const values = decodeCursor(query.cursor, keys);
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
