var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from '../errors/domain-error.js';
export class PageQuery {
    limit;
    cursor;
}
__decorate([
    ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(100),
    __metadata("design:type", Number)
], PageQuery.prototype, "limit", void 0);
__decorate([
    ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s nextCursor.' }),
    IsOptional(),
    IsString(),
    MaxLength(1000),
    __metadata("design:type", String)
], PageQuery.prototype, "cursor", void 0);
export function encodeCursor(values) {
    return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');
}
export function decodeCursor(cursor, length) {
    try {
        const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (Array.isArray(values) && values.length === length && values.every((v) => v === null || ['string', 'number'].includes(typeof v))) {
            return values;
        }
    }
    catch {
    }
    throw DomainError.validation([{ field: 'cursor', message: 'cursor is not one this list issued' }]);
}
export async function paginate(qb, keys, query) {
    const limit = query.limit ?? 20;
    const direction = keys[0].direction;
    if (keys.some((k) => k.direction !== direction))
        throw new Error('paginate: all sort keys must share one direction');
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
//# sourceMappingURL=pagination.js.map