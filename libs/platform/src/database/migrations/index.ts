import { CreateAuditLog1763900001000 } from './1763900001000-CreateAuditLog.js';
import { CreateOutbox1763900002000 } from './1763900002000-CreateOutbox.js';
import { CreateIdempotencyKeys1763900003000 } from './1763900003000-CreateIdempotencyKeys.js';
import { CreateTimers1763900007000 } from './1763900007000-CreateTimers.js';
import { CreateDomainEvents1764700000000 } from './1764700000000-CreateDomainEvents.js';
import { LinkAuditChainAfterCommit1764850000000 } from './1764850000000-LinkAuditChainAfterCommit.js';
import { IndexOpenDeliveriesBySubscriber1764960000000 } from './1764960000000-IndexOpenDeliveriesBySubscriber.js';
import { CreateDevMailbox1765100000000 } from './1765100000000-CreateDevMailbox.js';
import { IndexDomainEventsBySeq1765600000000 } from './1765600000000-IndexDomainEventsBySeq.js';
import { NotifyWorkOnCommit1765700000000 } from './1765700000000-NotifyWorkOnCommit.js';
import { AuditLogNotifiesNoMore1765700002000 } from './1765700002000-AuditLogNotifiesNoMore.js';
import { DevMailboxCalendar1765800000000 } from './1765800000000-DevMailboxCalendar.js';
import { DeliveriesNotifyWhenUnenqueued1765860000000 } from './1765860000000-DeliveriesNotifyWhenUnenqueued.js';
import { OutboxLeasedToPublisher1765880000000 } from './1765880000000-OutboxLeasedToPublisher.js';
import { AwaitEventPublisher1765886000000 } from './1765886000000-AwaitEventPublisher.js';

/**
 * The platform's own tables (audit log, outbox, idempotency keys, durable timers, domain events, the development mailbox). Listed by
 * class rather than found by a glob, so that the compiled monorepo, the CLI and jest all run the
 * same set; the whole system's list is composed in libs/schema.
 */
export const PLATFORM_MIGRATIONS = [
  CreateAuditLog1763900001000, CreateOutbox1763900002000, CreateIdempotencyKeys1763900003000, CreateTimers1763900007000, CreateDomainEvents1764700000000,
  LinkAuditChainAfterCommit1764850000000, IndexOpenDeliveriesBySubscriber1764960000000, CreateDevMailbox1765100000000, IndexDomainEventsBySeq1765600000000,
  NotifyWorkOnCommit1765700000000, AuditLogNotifiesNoMore1765700002000, DevMailboxCalendar1765800000000,
  DeliveriesNotifyWhenUnenqueued1765860000000, OutboxLeasedToPublisher1765880000000, AwaitEventPublisher1765886000000,
];
