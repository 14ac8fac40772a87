import { Controller, Get, Header, Inject, Injectable, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { DomainError } from '../errors/domain-error.js';

export interface Letter {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Every http(s) address in the text, in order. */
  links: string[];
  /** The iCalendar invitation sent with the letter (METHOD:REQUEST or CANCEL), as sent; null for none. */
  calendar: string | null;
  sentAt: string;
}

const LINK = /https?:\/\/[^\s<>"']+/g;

/** The letters the development mailbox holds, newest first (the mailer writes them). */
@Injectable()
export class DevMailbox {
  constructor(private readonly db: DataSource) {}

  async letters(filter: { to?: string; limit?: number } = {}): Promise<Letter[]> {
    const rows: { id: string; to_address: string; subject: string; body: string; calendar: string | null; sent_at: Date }[] = await this.db.query(
      `SELECT id, to_address, subject, body, calendar, sent_at FROM dev_mailbox WHERE ($1::text IS NULL OR to_address = $1) ORDER BY id DESC LIMIT $2`,
      [filter.to?.toLowerCase() ?? null, Math.min(Math.max(filter.limit ?? 100, 1), 500)],
    );
    return rows.map((r) => ({ id: String(r.id), to: r.to_address, subject: r.subject, text: r.body, links: r.body.match(LINK) ?? [], calendar: r.calendar, sentAt: r.sent_at.toISOString() }));
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Shows letters as a page; every text is escaped (letters quote names people typed), links become anchors. */
export function mailboxPage(letters: Letter[]): string {
  const items = letters
    .map((l) => {
      const body = escape(l.text).replace(/https?:\/\/[^\s<>"']+/g, (u) => `<a href="${u}">${u}</a>`);
      const invite = l.calendar ? `<details><summary>Attached: invite.ics</summary><pre>${escape(l.calendar)}</pre></details>` : '';
      return `<article><h2>${escape(l.subject)}</h2><p class="meta">to ${escape(l.to)} · ${escape(l.sentAt)}</p><pre>${body}</pre>${invite}</article>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MedJourney development mailbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-bottom:1px solid #ccc;padding:.5rem 0}.meta{color:#555}pre{white-space:pre-wrap}</style>
</head><body><h1>Development mailbox</h1>
<p>Every e-mail the system sent without SMTP_URL, newest first (${letters.length}). JSON: <a href="/dev/mailbox.json">/dev/mailbox.json</a> (<code>?to=</code> an address).</p>
${items || '<p>No e-mail yet.</p>'}
</body></html>`;
}

/**
 * GET /dev/mailbox (a page) and /dev/mailbox.json, answered only when NODE_ENV=development
 * (404 otherwise). Outside the API's prefix and OpenAPI document: a developer's tool, not the API.
 */
@ApiExcludeController()
@Controller('dev')
export class DevMailboxController {
  constructor(
    private readonly mailbox: DevMailbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('mailbox')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(@Query('to') to?: string): Promise<string> {
    return mailboxPage(await this.read(to));
  }

  @Get('mailbox.json')
  @Public()
  async json(@Query('to') to?: string): Promise<{ items: Letter[] }> {
    return { items: await this.read(to) };
  }

  private read(to: unknown): Promise<Letter[]> {
    if (this.config.nodeEnv !== 'development') throw DomainError.notFound('page');
    return this.mailbox.letters({ to: typeof to === 'string' && to ? to : undefined });
  }
}
