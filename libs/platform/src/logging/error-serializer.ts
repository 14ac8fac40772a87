import { stdSerializers } from 'pino';

/** What pg's DatabaseError and TypeORM's QueryFailedError (which wraps it) carry. */
interface DatabaseErrorLike {
  name?: string;
  message?: string;
  stack?: string;
  code?: string;
  severity?: string;
  routine?: string;
  constraint?: string;
  table?: string;
  column?: string;
  query?: string;
  driverError?: DatabaseErrorLike;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const MAX_STATEMENT = 2000;

function isDatabaseError(e: unknown): e is DatabaseErrorLike {
  if (typeof e !== 'object' || e === null) return false;
  const d = e as DatabaseErrorLike;
  const driver = d.driverError ?? d;
  return typeof driver.code === 'string' && SQLSTATE.test(driver.code) && (d.driverError !== undefined || typeof d.routine === 'string' || typeof d.severity === 'string');
}

/** PostgreSQL quotes the offending value in its messages (`invalid input syntax for type uuid: "…"`). */
const maskQuoted = (text: string): string => text.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');

/** The statement's shape: placeholders stay, literals go, whitespace is folded. */
function statementShape(query: string | undefined): string | undefined {
  if (!query) return undefined;
  const shape = query.replace(/'(?:[^']|'')*'/g, "'…'").replace(/\s+/g, ' ').trim();
  return shape.length > MAX_STATEMENT ? `${shape.slice(0, MAX_STATEMENT)}…` : shape;
}

/**
 * The `err` serializer of every log line. A failed statement is logged with its SQLSTATE code,
 * where it failed (constraint, table, column) and the statement's shape, never its parameters
 * or PostgreSQL's `detail` ("Failing row contains (…)", "Key (email)=(…)"), which repeat the
 * values: password hashes, e-mails, names, medical text (spec/security.md, Personal data).
 */
export function serializeError(err: unknown): unknown {
  if (!isDatabaseError(err)) return err instanceof Error ? stdSerializers.err(err) : err;
  const driver = err.driverError ?? err;
  const message = maskQuoted(driver.message ?? '');
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: err.name ?? 'DatabaseError',
    message,
    code: driver.code,
    ...(driver.constraint ? { constraint: driver.constraint } : {}),
    ...(driver.table ? { table: driver.table } : {}),
    ...(driver.column ? { column: driver.column } : {}),
    ...(driver.routine ? { routine: driver.routine } : {}),
    ...(err.query ? { statement: statementShape(err.query) } : {}),
    stack: [`${err.name ?? 'DatabaseError'}: ${message}`, ...frames].join('\n'),
  };
}
