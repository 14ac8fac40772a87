import { isIP } from 'node:net';
import { Duration } from 'luxon';

/**
 * The environment variables of spec/README.md, parsed into typed values. Every variable is
 * read here and nowhere else; a bad value stops start-up with a message naming it.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  workerHealthPort: number;
  databaseUrl: string;
  databasePoolSize: number;
  databaseConnectTimeoutMs: number;
  /** Each connection prepares its parameterised statements once (PreparingClient); off behind a pooler that cannot keep them. */
  databasePreparedStatements: boolean;
  /** How PostgreSQL plans the prepared statements: `auto` (a generic plan once it is no dearer than the custom ones), or every execution anew. */
  databasePlanCacheMode: 'auto' | 'force_custom_plan';
  redisUrl: string;
  queuePrefix: string;
  /** How long a worker holds a job before another may take it over (BullMQ lockDuration; also the stalled-job check period). */
  queueLockDurationMs: number;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** argon2id's cost for new password hashes: `standard` everywhere but the test suite (see PasswordHashing). */
  passwordHashing: PasswordHashing;
  piiKey: Buffer;
  adminEmail?: string;
  adminPassword?: string;
  seedDemo: boolean;
  storageDir: string;
  /** The built console (dist/web), served at `/`. */
  webDir: string;
  corsOrigins: string[];
  /** The proxies whose X-Forwarded-For is believed (Express `trust proxy` names, addresses, CIDR ranges); empty: none. */
  trustProxy: string[];
  /** Bearer token of /metrics on the API; unset: the API's /metrics is 404 (the worker's internal port serves it). */
  metricsToken?: string;
  smtpUrl?: string;
  publicBaseUrl: string;
  logLevel: string;
  outboxPollIntervalMs: number;
  /** A process that publishes domain events adds their delivery jobs to BullMQ right after its commit (the relay is then the fallback). */
  eventsEnqueueOnCommit: boolean;
  /** A process that writes outbox rows adds their jobs to BullMQ right after its commit (the relay is then the fallback). */
  outboxEnqueueOnCommit: boolean;
  auditChainIntervalMs: number;
  sla: {
    calendar: 'business' | 'calendar';
    target: string;
    targetCertificate: string;
    warnAt: number;
    escalateAt: number;
    reconcileEvery: string;
    supplementLapseAfter: string;
  };
  assignmentResponseTimeout: string;
  /** How far ahead a care provider can be booked (spec/matching.md), an ISO 8601 duration of days at most. */
  bookingHorizon: string;
  /** The programme's yearly target of foreign patients (spec/statistics.md, the target line). */
  programmeTargetPatients: number;
  followUpWindow: string;
  telemedicinePolicy: 'direct_follow_up' | 'doctor_to_doctor';
  videoBaseUrl: string;
  visas: {
    maxCompanions: number;
    sponsorOpenQuota: number;
    passportMinValidity: string;
    evisaExcludedNationalities: string[];
    restrictedEntryNationalities: string[];
  };
  designation: {
    yearStart: string;
    minApplications: number;
    minPersons: number;
    maxProblemRate: number;
    regionalBonus: number;
    passScore: number;
    capacity?: number;
  };
}

/**
 * `standard`: argon2id at the library's defaults (spec/security.md). `fast`: a far cheaper
 * argon2id that only NODE_ENV=test accepts, so that the suite's many accounts and sign-ins do
 * not spend its time hashing; production and development always hash at `standard`.
 */
export type PasswordHashing = 'standard' | 'fast';

/**
 * The longest BOOKING_HORIZON: matching keeps availability instants a few days beyond it
 * (AVAILABILITY_HORIZON_DAYS), so that a bookable window is always one they cover.
 */
export const MAX_BOOKING_HORIZON_DAYS = 180;

export const DEV_JWT_SECRET = 'medjourney-development-jwt-secret-change-me';
/** 32 zero-free bytes, base64; refused in production. */
export const DEV_PII_KEY = Buffer.from('medjourney-development-pii-key!!').toString('base64');

const RESTRICTED_DEFAULT =
  'CHN,PHL,IDN,BGD,VNM,MNG,THA,PAK,LKA,IND,MMR,NPL,IRN,UZB,KAZ,KGZ,UKR,NGA,GHA,EGY,PER';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const raw = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const str = (name: string, def: string) => raw(name) ?? def;
  const int = (name: string, def: number | undefined, min: number, max: number): number => {
    const v = raw(name);
    if (v === undefined) return def as number;
    if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${v}")`);
      return def as number;
    }
    return Number(v);
  };
  const num = (name: string, def: number, min: number, max: number): number => {
    const v = raw(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) {
      problems.push(`${name} must be a number between ${min} and ${max} (got "${v}")`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const v = raw(name)?.toLowerCase();
    if (v === undefined) return def;
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    problems.push(`${name} must be true or false (got "${v}")`);
    return def;
  };
  const duration = (name: string, def: string): string => {
    const v = raw(name) ?? def;
    const d = Duration.fromISO(v);
    if (!d.isValid || d.toMillis() <= 0) {
      problems.push(`${name} must be a positive ISO 8601 duration such as PT1H (got "${v}")`);
      return def;
    }
    return v;
  };
  const oneOf = <T extends string>(name: string, def: T, allowed: readonly T[]): T => {
    const v = raw(name) ?? def;
    if (!allowed.includes(v as T)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
      return def;
    }
    return v as T;
  };
  const url = (name: string, def: string, protocols: string[]): string => {
    const v = raw(name) ?? def;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) throw new Error('protocol');
    } catch {
      problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${redactUrl(v)}")`);
    }
    return v;
  };
  const countries = (name: string, def: string): string[] => {
    const list = (raw(name) ?? def).split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
    const bad = list.filter((c) => !/^[A-Z]{3}$/.test(c));
    if (bad.length) problems.push(`${name} must list ISO 3166-1 alpha-3 codes (bad: ${bad.join(', ')})`);
    return list;
  };

  const nodeEnv = oneOf('NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  const production = nodeEnv === 'production';

  const jwtSecret = raw('JWT_SECRET') ?? (production ? '' : DEV_JWT_SECRET);
  if (production && (jwtSecret === '' || jwtSecret === DEV_JWT_SECRET || jwtSecret.length < 32)) {
    problems.push('JWT_SECRET must be set to a secret of at least 32 characters in production (the development secret is refused)');
  } else if (jwtSecret.length < 16) {
    problems.push('JWT_SECRET must be at least 16 characters');
  }
  const jwtTtl = duration('JWT_TTL', 'PT1H');

  const piiKeyText = raw('PII_KEY') ?? (production ? '' : DEV_PII_KEY);
  const piiKey = Buffer.from(piiKeyText, 'base64');
  if (production && (piiKeyText === '' || piiKeyText === DEV_PII_KEY)) {
    problems.push('PII_KEY must be set to your own 32-byte base64 key in production (the development key is refused)');
  } else if (piiKey.length !== 32) {
    problems.push(`PII_KEY must be 32 bytes encoded in base64 (got ${piiKey.length} bytes)`);
  }

  const adminEmail = raw('ADMIN_EMAIL');
  const adminPassword = raw('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) problems.push('ADMIN_EMAIL must be an e-mail address');
  if (adminPassword !== undefined && adminPassword.length < 12) problems.push('ADMIN_PASSWORD must be at least 12 characters');

  const passwordHashing = oneOf('PASSWORD_HASHING', 'standard', ['standard', 'fast'] as const);
  if (passwordHashing === 'fast' && nodeEnv !== 'test') {
    problems.push(`PASSWORD_HASHING=fast is for the test suite only (NODE_ENV=test); ${nodeEnv} hashes passwords at standard`);
  }

  const seedDemo = bool('SEED_DEMO', nodeEnv === 'development');
  const capacity = raw('DESIGNATION_CAPACITY') === undefined ? undefined : int('DESIGNATION_CAPACITY', undefined, 1, 100000);
  const yearStart = str('DESIGNATION_YEAR_START', '10-01');
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(yearStart)) {
    problems.push(`DESIGNATION_YEAR_START must be a month and day MM-DD (got "${yearStart}")`);
  }
  const trustProxy = (raw('TRUST_PROXY') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const badProxies = trustProxy.filter((p) => !isProxyName(p));
  if (badProxies.length) {
    problems.push(`TRUST_PROXY must list proxy addresses, CIDR ranges or loopback, linklocal, uniquelocal (bad: ${badProxies.join(', ')})`);
  }
  const metricsToken = raw('METRICS_TOKEN');
  if (metricsToken !== undefined && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    problems.push('METRICS_TOKEN must be at least 16 characters without spaces');
  }
  const smtpUrl = raw('SMTP_URL');
  if (smtpUrl !== undefined) url('SMTP_URL', smtpUrl, ['smtp:', 'smtps:']);

  const bookingHorizon = duration('BOOKING_HORIZON', 'P180D');
  const horizon = Duration.fromISO(bookingHorizon);
  // Months and years have no fixed length; a horizon in days, weeks or hours has one everywhere.
  if (horizon.years || horizon.quarters || horizon.months || horizon.as('days') > MAX_BOOKING_HORIZON_DAYS) {
    problems.push(`BOOKING_HORIZON must be a duration in weeks, days or hours of at most P${MAX_BOOKING_HORIZON_DAYS}D, the days of availability matching keeps (got "${bookingHorizon}")`);
  }

  const port = int('PORT', 3000, 1, 65535);
  const config: AppConfig = {
    nodeEnv,
    port,
    workerHealthPort: int('WORKER_HEALTH_PORT', 3001, 1, 65535),
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/medjourney', ['postgres:', 'postgresql:']),
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    databaseConnectTimeoutMs: int('DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120000),
    databasePreparedStatements: bool('DATABASE_PREPARED_STATEMENTS', true),
    databasePlanCacheMode: oneOf('DATABASE_PLAN_CACHE_MODE', 'auto', ['auto', 'force_custom_plan'] as const),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: str('QUEUE_PREFIX', 'medjourney'),
    queueLockDurationMs: Duration.fromISO(duration('QUEUE_LOCK_DURATION', 'PT30S')).toMillis(),
    jwtSecret,
    jwtTtlSeconds: Math.round(Duration.fromISO(jwtTtl).as('seconds')),
    passwordHashing,
    piiKey,
    adminEmail,
    adminPassword,
    seedDemo: production ? false : seedDemo,
    storageDir: str('STORAGE_DIR', './var/storage'),
    webDir: str('WEB_DIR', './dist/web'),
    corsOrigins: (raw('CORS_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    trustProxy,
    metricsToken,
    smtpUrl,
    publicBaseUrl: url('PUBLIC_BASE_URL', `http://localhost:${port}`, ['http:', 'https:']),
    logLevel: oneOf('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    outboxPollIntervalMs: int('OUTBOX_POLL_INTERVAL_MS', 5000, 10, 3_600_000),
    eventsEnqueueOnCommit: bool('EVENTS_ENQUEUE_ON_COMMIT', true),
    outboxEnqueueOnCommit: bool('OUTBOX_ENQUEUE_ON_COMMIT', true),
    auditChainIntervalMs: int('AUDIT_CHAIN_INTERVAL_MS', 200, 10, 60_000),
    sla: {
      calendar: oneOf('SLA_CALENDAR', 'business', ['business', 'calendar'] as const),
      target: duration('SLA_TARGET', 'P3D'),
      targetCertificate: duration('SLA_TARGET_CERTIFICATE', 'P10D'),
      warnAt: num('SLA_WARN_AT', 0.5, 0.01, 0.99),
      escalateAt: num('SLA_ESCALATE_AT', 0.8, 0.01, 0.99),
      reconcileEvery: duration('SLA_RECONCILE_EVERY', 'PT30S'),
      supplementLapseAfter: duration('SUPPLEMENT_LAPSE_AFTER', 'P30D'),
    },
    assignmentResponseTimeout: duration('ASSIGNMENT_RESPONSE_TIMEOUT', 'PT24H'),
    bookingHorizon: problems.some((p) => p.startsWith('BOOKING_HORIZON')) ? 'P180D' : bookingHorizon,
    programmeTargetPatients: int('PROGRAMME_TARGET_PATIENTS', 700000, 1, 100000000),
    followUpWindow: duration('FOLLOW_UP_WINDOW', 'P1Y'),
    telemedicinePolicy: oneOf('TELEMEDICINE_POLICY', 'direct_follow_up', ['direct_follow_up', 'doctor_to_doctor'] as const),
    videoBaseUrl: url('VIDEO_BASE_URL', 'https://video.medjourney.local/rooms/', ['http:', 'https:']),
    visas: {
      maxCompanions: int('VISA_MAX_COMPANIONS', 3, 0, 20),
      sponsorOpenQuota: int('SPONSOR_OPEN_QUOTA', 10, 1, 100000),
      passportMinValidity: duration('PASSPORT_MIN_VALIDITY', 'P6M'),
      evisaExcludedNationalities: countries('EVISA_EXCLUDED_NATIONALITIES', 'VNM'),
      restrictedEntryNationalities: countries('RESTRICTED_ENTRY_NATIONALITIES', RESTRICTED_DEFAULT),
    },
    designation: {
      yearStart,
      minApplications: int('DESIGNATION_MIN_APPLICATIONS', 5, 0, 100000),
      minPersons: int('DESIGNATION_MIN_PERSONS', 50, 0, 10000000),
      maxProblemRate: num('DESIGNATION_MAX_PROBLEM_RATE', 0.2, 0, 1),
      regionalBonus: num('DESIGNATION_REGIONAL_BONUS', 5, 0, 100),
      passScore: num('DESIGNATION_PASS_SCORE', 60, 0, 100),
      capacity,
    },
  };
  if (config.sla.warnAt >= config.sla.escalateAt) {
    problems.push('SLA_WARN_AT must be smaller than SLA_ESCALATE_AT');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** What Express's `trust proxy` takes and we accept: its subnet names, an address, or an address/prefix. */
function isProxyName(value: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Hides the password of a connection URL before it is printed. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}
