import { consoleUrl, tokenPath } from '@medjourney/console-routes';
import { createHash, createHmac } from 'node:crypto';

export type LinkKind = 'invitation' | 'verify-email' | 'password-reset';

const PAGES = { invitation: 'acceptInvite', 'verify-email': 'verifyEmail', 'password-reset': 'resetPassword' } as const;

/**
 * The token of a single-use link, derived from its row's id with a key from JWT_SECRET: the
 * worker that mails the link derives it again from the id in its job, so no plain token is ever
 * stored or queued; the database keeps only its SHA-256 to find the row.
 */
export function linkToken(secret: string, kind: LinkKind, id: string): string {
  return createHmac('sha256', secret).update(`account-link:${kind}:${id}`).digest('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The console page a link opens, under PUBLIC_BASE_URL (the console's URL scheme). */
export function linkUrl(publicBaseUrl: string, kind: LinkKind, token: string): string {
  return consoleUrl(publicBaseUrl, tokenPath(PAGES[kind], token));
}
