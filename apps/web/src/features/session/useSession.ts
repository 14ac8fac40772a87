import { useSyncExternalStore } from 'react';
import { currentSession, onSessionChange, type Session } from '../../api/session';

let cached: Session | null = currentSession();
let raw = JSON.stringify(cached);
function snapshot(): Session | null {
  const now = currentSession();
  const next = JSON.stringify(now);
  if (next !== raw) { raw = next; cached = now; }
  return cached;
}

/** The signed-in session, re-rendering on sign-in and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(onSessionChange, snapshot);
}
