import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventName } from './event-catalogue.js';

/**
 * The stored events, read back in the order they were published: a read model that must be
 * rebuilt replays them through its own handlers instead of reading other modules' tables.
 */
@Injectable()
export class DomainEventLog {
  /** Events of these names published after `afterSeq`, oldest first, at most `limit`. */
  async page(m: EntityManager, names: readonly DomainEventName[], afterSeq: string, limit: number): Promise<{ seq: string; event: DomainEvent }[]> {
    const rows: { seq: string; id: string; name: DomainEventName; payload: never; occurred_at: Date }[] = await m.query(
      'SELECT seq::text, id, name, payload, occurred_at FROM domain_events WHERE seq > $1::bigint AND name = ANY($2) ORDER BY seq LIMIT $3',
      [afterSeq, names, limit],
    );
    return rows.map((r) => ({ seq: r.seq, event: { id: r.id, name: r.name, payload: r.payload, occurredAt: r.occurred_at } }));
  }
}
