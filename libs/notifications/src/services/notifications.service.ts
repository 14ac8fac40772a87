import { Inject, Injectable } from '@nestjs/common';
import { consolePath, consoleUrl } from '@medjourney/console-routes';
import { UsersService, type Recipient } from '@medjourney/identity';
import { APP_CONFIG, Clock, DomainError, JOBS, MailerService, OutboxService, STAFF_READER, assertUuid, jobId, paginate, type AppConfig, type DomainEvent, type Page, type PageQuery, type SortKey } from '@medjourney/platform';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { Audience, Notice } from '../domain/notification-texts.js';
import type { NotificationDto } from '../dto/notification.dto.js';
import { Notification } from '../entities/notification.entity.js';
import { RecipientReaders } from './recipient-readers.js';

interface RawRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  language: string;
  refs: Record<string, string>;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** Unread first, then newest; the id breaks ties. All descending, as one keyset. */
const INBOX_ORDER: SortKey<Notification>[] = [
  { expr: '(CASE WHEN n.read_at IS NULL THEN 1 ELSE 0 END)', direction: 'DESC', value: (n) => (n.readAt ? 0 : 1), cast: 'int' },
  { expr: 'n.created_at', direction: 'DESC', value: (n) => n.createdAt, cast: 'timestamptz' },
  { expr: 'n.id', direction: 'DESC', value: (n) => n.id, cast: 'uuid' },
];

/** The stored notifications: written by the subscribers, read by their recipients. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    private readonly readers: RecipientReaders,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores each notice once per recipient (the unique key drops a repeat), in the recipient's
   * language and zone (RecipientReaders; staff read English), linked to the page of
   * the recipient's own desk that shows its target, and, when SMTP_URL is
   * set, queues its e-mail through the outbox: the recipients of every notice in one query, the
   * notifications in one insert. Returns how many notifications are new.
   */
  async store(m: EntityManager, notices: readonly { event: DomainEvent; notice: Notice }[]): Promise<number> {
    const audiences = notices.flatMap((n) => n.notice.audience);
    const ids = audiences.flatMap((a) => (a.kind === 'users' ? a.ids.filter((id): id is string => !!id) : []));
    const roles = audiences.flatMap((a) => (a.kind === 'roles' ? a.roles : []));
    const hospitals = audiences.flatMap((a) => (a.kind === 'coordinators' ? [a.hospitalId] : []));
    const providers = audiences.flatMap((a) => (a.kind === 'careProvider' ? [a.careProviderId] : []));
    if (ids.length + roles.length + hospitals.length + providers.length === 0) return 0;
    const everyone = await this.users.recipients(m, { ids: [...new Set(ids)], roles: [...new Set(roles)], coordinatorsOf: [...new Set(hospitals)], careProviders: [...new Set(providers)] });
    const readers = await this.readers.readersOf(m, everyone);
    const rows = notices.flatMap(({ event, notice }) =>
      everyone
        .filter((r) => notice.audience.some((a) => reaches(a, r)))
        .map((r) => {
          // Only notices with catalogue words (`say`) are written in another language; the rest are staff's English.
          const reader = notice.say ? (readers.get(r.id) ?? STAFF_READER) : STAFF_READER;
          return { r, event, notice, language: reader.locale, text: notice.say ? notice.say(reader) : { title: notice.title, body: notice.body } };
        }),
    );
    if (rows.length === 0) return 0;
    const created: { id: string }[] = await m.query(
      `INSERT INTO notifications (recipient_id, kind, title, body, refs, link, source_event_id, created_at, email_to, language)
       SELECT r, kind, title, body, refs, link, source, $8, email, language
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::uuid[], $9::text[], $10::text[]) AS u(r, kind, title, body, refs, link, source, email, language)
       ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING RETURNING id`,
      [
        rows.map((x) => x.r.id), rows.map((x) => x.notice.kind), rows.map((x) => x.text.title), rows.map((x) => x.text.body),
        rows.map((x) => JSON.stringify(x.notice.refs)), rows.map((x) => consoleUrl(this.config.publicBaseUrl, consolePath(x.notice.target, x.r.role))), rows.map((x) => x.event.id), this.clock.now(),
        rows.map((x) => (this.mailer.enabled ? x.r.email : null)), rows.map((x) => x.language),
      ],
    );
    if (this.mailer.enabled) {
      await this.outbox.publishMany(m, JOBS.notificationEmail, created.map((r) => ({ payload: { notificationId: r.id }, jobId: jobId('notification-email', r.id) })));
    }
    return created.length;
  }

  /** The recipient's inbox: unread first, then newest; keyset pages; with the unread count. */
  async list(userId: string, page: PageQuery): Promise<Page<NotificationDto> & { unreadCount: number }> {
    const qb = this.db.getRepository(Notification).createQueryBuilder('n').where('n.recipient_id = :userId', { userId });
    const { items, nextCursor } = await paginate(qb, INBOX_ORDER, page);
    const unreadCount = await this.db.getRepository(Notification).count({ where: { recipientId: userId, readAt: IsNull() } });
    return { items: items.map(view), nextCursor, unreadCount };
  }

  /** Marks one of the caller's notifications read (again: no change); another's answers 404. */
  async read(userId: string, id: string): Promise<NotificationDto> {
    assertUuid(id, 'notification');
    const [[row]]: [RawRow[], number] = await this.db.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND recipient_id = $2
       RETURNING id, kind, title, body, language, refs, link, created_at, read_at`,
      [id, userId, this.clock.now()],
    );
    if (!row) throw DomainError.notFound('notification');
    return view(fromRaw(row));
  }

  async readAll(userId: string): Promise<{ marked: number; unreadCount: 0 }> {
    const [, marked]: [unknown, number] = await this.db.query('UPDATE notifications SET read_at = $2 WHERE recipient_id = $1 AND read_at IS NULL', [userId, this.clock.now()]);
    return { marked, unreadCount: 0 };
  }
}

function view(n: Notification): NotificationDto {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, language: n.language, refs: n.refs, link: n.link, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null };
}

function fromRaw(r: RawRow): Notification {
  return Object.assign(new Notification(), { id: r.id, kind: r.kind, title: r.title, body: r.body, language: r.language, refs: r.refs, link: r.link, createdAt: r.created_at, readAt: r.read_at });
}

/** Whether an audience of a notice takes in this account. */
function reaches(a: Audience, r: Recipient): boolean {
  switch (a.kind) {
    case 'users':
      return a.ids.includes(r.id);
    case 'roles':
      return (a.roles as readonly string[]).includes(r.role);
    case 'coordinators':
      return r.role === 'hospital_coordinator' && r.hospitalId === a.hospitalId;
    case 'careProvider':
      return r.role === 'care_provider' && r.careProviderId === a.careProviderId;
  }
}
