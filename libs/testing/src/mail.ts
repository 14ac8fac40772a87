import { DevMailbox, jobHandlerOf, JOBS, type Letter } from '@medjourney/platform';
import type { TestApp } from './test-app.js';

const MAIL_JOBS = [JOBS.email, JOBS.notificationEmail, JOBS.appointmentMail];

/**
 * Sends what the outbox holds for the mail jobs (account e-mails, notification e-mails,
 * appointment e-mails) as the worker would, through their own handlers, into the development
 * mailbox (the test app runs no worker). Returns how many ran.
 */
export async function deliverMail(t: TestApp): Promise<number> {
  // TypeORM answers an UPDATE with [rows, affected].
  const [rows]: [{ id: string; queue: string; job_name: string; payload: Record<string, unknown> }[], number] = await t.db.query(
    `UPDATE outbox SET published_at = now() WHERE published_at IS NULL AND (queue || '/' || job_name) = ANY($1) RETURNING queue, job_name, payload, id`,
    [MAIL_JOBS.map((j) => j.key)],
  );
  for (const r of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
    const key = `${r.queue}/${r.job_name}` as (typeof MAIL_JOBS)[number]['key'];
    await jobHandlerOf(t.app, key)({ data: r.payload as never });
  }
  return rows.length;
}

/** The letters to this address, newest first, after delivering what waits. */
export async function mailTo(t: TestApp, email: string): Promise<Letter[]> {
  await deliverMail(t);
  return t.app.get(DevMailbox).letters({ to: email });
}

/** The token of the newest link to this console page (`verify-email`, `accept-invite`, `reset-password`) mailed to the address. */
export async function linkTokenMailedTo(t: TestApp, email: string, page: 'verify-email' | 'accept-invite' | 'reset-password'): Promise<string> {
  // Where a real worker runs beside the app (the browser tests), it sends the letter a moment later.
  const deadline = Date.now() + 10_000;
  do {
    for (const letter of await mailTo(t, email)) {
      const link = letter.links.find((l) => new URL(l).pathname === `/${page}`);
      if (link) return new URL(link).searchParams.get('token')!;
    }
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  throw new Error(`no ${page} link was mailed to ${email}`);
}

/** A patient who registered and followed the link mailed to them: their session. */
export async function aRegisteredPatient(t: TestApp, input: { email: string; password: string; name: string }): Promise<{ accessToken: string; user: { id: string; email: string } }> {
  await t.http.post('/api/v1/auth/register').send(input).expect(202);
  const token = await linkTokenMailedTo(t, input.email, 'verify-email');
  return (await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(200)).body;
}
