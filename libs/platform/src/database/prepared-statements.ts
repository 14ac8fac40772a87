import { createHash } from 'node:crypto';
import pg from 'pg';

/** How many distinct statements one connection keeps prepared; any beyond run unnamed, as before. */
export const PREPARED_PER_CONNECTION = 500;

/**
 * A statement whose text starts with this comment (TypeORM: `qb.comment(CUSTOM_PLAN)`) is sent
 * unnamed, so it is planned with its own values on every execution whatever `plan_cache_mode`
 * says: for a list whose filters meet skewed values, where a generic plan measured slower (the
 * officer's queue: p50 8 → 11 ms at one connection with `auto`).
 */
export const CUSTOM_PLAN = 'custom-plan';
const CUSTOM_PLAN_PREFIX = `/* ${CUSTOM_PLAN} */`;

/**
 * A pg client that prepares each parameterised statement once per connection (a named statement,
 * named by a hash of its text) instead of sending it unnamed, which PostgreSQL parses and analyses
 * on every execution. Our statements are few and repeated (a submit sends the same thirty on every
 * request) and several are CTEs over `unnest` whose parse and analysis cost more than their run.
 *
 * The pool's `options` set `plan_cache_mode` (DATABASE_PLAN_CACHE_MODE): `auto`, PostgreSQL's
 * default, plans a statement's first five executions with their own values and then keeps a
 * generic plan unless it is estimated dearer than theirs, so planning stops costing per
 * execution (it was 30 % of our statements' server time under the submit load);
 * `force_custom_plan` plans every execution anew, for a statement whose generic plan a skewed
 * value makes worse than its estimate says. Statements without parameters (BEGIN, COMMIT)
 * keep the simple protocol's single message. The bound keeps a connection's server-side memory
 * finite if some code builds its SQL text per call.
 */
export class PreparingClient extends pg.Client {
  private readonly limit: number;
  private readonly named = new Set<string>();

  constructor(config: pg.ClientConfig & { preparedStatementsLimit?: number }) {
    super(config);
    this.limit = config.preparedStatementsLimit ?? PREPARED_PER_CONNECTION;
  }

  // pg's overloads (text and values, a config object, a submittable) in one untyped signature.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const call = super.query as (...args: unknown[]) => never;
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = this.nameFor(config);
      if (name) return call.call(this, { text: config, values, name }, callback);
    } else if (isPlainQuery(config) && config.values.length > 0) {
      const name = this.nameFor(config.text);
      if (name) return call.call(this, { ...config, name }, values, callback);
    }
    return call.call(this, config, values, callback);
  }

  private nameFor(text: string): string | undefined {
    if (text.startsWith(CUSTOM_PLAN_PREFIX)) return undefined;
    const name = statementName(text);
    if (this.named.has(name)) return name;
    if (this.named.size >= this.limit) return undefined;
    this.named.add(name);
    return name;
  }
}

function isPlainQuery(config: unknown): config is { text: string; values: unknown[]; name?: string } {
  if (!config || typeof config !== 'object') return false;
  const c = config as Record<string, unknown>;
  return typeof c.text === 'string' && Array.isArray(c.values) && c.name === undefined && typeof c.submit !== 'function';
}

const names = new Map<string, string>();
/** The same text gets the same name on every connection; the map is as bounded as the code's statements. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `mj_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size < 10 * PREPARED_PER_CONNECTION) names.set(text, name);
  }
  return name;
}

/** The pool settings that make its connections prepare their statements (see PreparingClient). */
export function preparedStatementsPoolOptions(planCacheMode: 'auto' | 'force_custom_plan'): { Client: typeof PreparingClient; options: string } {
  return { Client: PreparingClient, options: `-c plan_cache_mode=${planCacheMode}` };
}
