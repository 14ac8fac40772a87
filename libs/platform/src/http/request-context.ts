import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is calling, as established by the auth guard. */
export interface Actor {
  userId: string;
  role: string;
  hospitalId: string | null;
  careProviderId: string | null;
  patientId: string | null;
}

export interface RequestContextData {
  requestId: string;
  ip: string | null;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/**
 * The request id, client address and caller of the HTTP request being served, reachable from
 * any depth (the audit writer reads it) without threading it through every signature.
 */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};
