import { Logger } from '@nestjs/common';
import pg from 'pg';

/** The channel the work triggers notify on; the payload is the table that received rows. */
export const WORK_CHANNEL = 'medjourney_work';

const MAX_BACKOFF_MS = 10_000;

/**
 * A dedicated connection that LISTENs on the work channel and calls `onNotify(table)` for each
 * notification (PostgreSQL delivers them at commit, so the rows are visible). A lost connection
 * is reopened with backoff, and `onNotify(null)` is called after every (re)connect, because
 * notifications sent while nobody listened are gone: the caller makes one pass to catch up. The
 * pollers it wakes keep their own interval as a safety net.
 */
export class PgListener {
  private readonly logger = new Logger('PgListener');
  private client: pg.Client | undefined;
  private stopped = true;
  private retry: NodeJS.Timeout | undefined;
  private backoffMs = 250;

  constructor(
    private readonly connectionString: string,
    private readonly onNotify: (table: string | null) => void,
    private readonly connectTimeoutMs = 5000,
  ) {}

  /** Resolves once listening (or after the first failed try, which is retried in the background). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Whether the connection is open and listening (health, tests). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: this.connectTimeoutMs, application_name: 'medjourney-listener' });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ err }, `listening connection lost; reconnecting in ${this.backoffMs} ms`);
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (n) => this.onNotify(n.payload ?? null));
    try {
      await client.connect();
      await client.query(`LISTEN ${WORK_CHANNEL}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (this.stopped) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoffMs = 250;
    this.onNotify(null);
  }

  private scheduleReconnect(): void {
    const wait = this.backoffMs;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    this.retry = setTimeout(() => void this.connect(), wait);
  }
}
