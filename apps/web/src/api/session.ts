import type { components } from './schema';

export type User = components['schemas']['UserDto'];
export type Role = User['role'];
export interface Session { accessToken: string; expiresAt: number; user: User }

// sessionStorage: the sign-in survives a reload but not the tab, and no other tab or site
// reads it; a stolen laptop's closed browser holds no token. The token is short-lived (JWT_TTL).
const KEY = 'medjourney.session';
const listeners = new Set<() => void>();

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  return session.expiresAt > Date.now() ? session : null;
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
