import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { currentSession, saveSession } from './session';

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDto'];

/** The problem+json answer of a failed call, thrown so that TanStack Query and forms see it. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number { return this.problem.status; }
  get code(): string { return this.problem.code; }
}

const auth: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token: back to the sign-in page.
    if (response.status === 401 && currentSession()) saveSession(null);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** Unwraps an openapi-fetch answer: the data, or an ApiProblem thrown. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) throw toProblem(error, response);
  return data as T;
}

export function toProblem(error: unknown, response: Response): ApiProblem {
  const body = (error && typeof error === 'object' ? error : {}) as Partial<Problem>;
  return new ApiProblem({ type: body.type ?? 'about:blank', title: body.title ?? response.statusText, status: response.status, code: body.code ?? `HTTP_${response.status}`, detail: body.detail, errors: body.errors });
}

/** A fresh key per submitted form, so a retried create is applied once (the API's Idempotency-Key). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
