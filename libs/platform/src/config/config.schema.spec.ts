import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEV_JWT_SECRET, DEV_PII_KEY, loadConfig } from './config.schema.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('configuration', () => {
  it('defaults serve a local machine in development', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/medjourney',
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'medjourney',
      queueLockDurationMs: 30000,
      jwtTtlSeconds: 3600,
      seedDemo: true,
      storageDir: './var/storage',
    });
    expect(c.sla).toMatchObject({ calendar: 'business', target: 'P3D', targetCertificate: 'P10D', warnAt: 0.5, escalateAt: 0.8 });
    expect(c.visas).toMatchObject({ maxCompanions: 3, sponsorOpenQuota: 10, evisaExcludedNationalities: ['VNM'] });
    expect(c.visas.restrictedEntryNationalities).toContain('CHN');
    expect(c.designation).toMatchObject({ yearStart: '10-01', passScore: 60, capacity: undefined });
    expect(c.piiKey).toHaveLength(32);
    expect(c.bookingHorizon).toBe('P180D');
    expect(c.programmeTargetPatients).toBe(700000);
    expect(loadConfig({ PROGRAMME_TARGET_PATIENTS: '800000' }).programmeTargetPatients).toBe(800000);
  });

  it('hashes passwords at standard unless the test suite (NODE_ENV=test) asks for fast', () => {
    expect(loadConfig({}).passwordHashing).toBe('standard');
    expect(loadConfig({ NODE_ENV: 'test' }).passwordHashing).toBe('standard');
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASHING: 'fast' }).passwordHashing).toBe('fast');
    expect(problemsOf({ PASSWORD_HASHING: 'fast' })).toEqual(['PASSWORD_HASHING=fast is for the test suite only (NODE_ENV=test); development hashes passwords at standard']);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PII_KEY: Buffer.alloc(32, 7).toString('base64'), PASSWORD_HASHING: 'fast' }))
      .toEqual(['PASSWORD_HASHING=fast is for the test suite only (NODE_ENV=test); production hashes passwords at standard']);
    expect(problemsOf({ NODE_ENV: 'test', PASSWORD_HASHING: 'cheap' })).toEqual(['PASSWORD_HASHING must be one of standard, fast (got "cheap")']);
  });

  it('takes a BOOKING_HORIZON of days, weeks or hours up to the 180 days of availability', () => {
    for (const horizon of ['P180D', 'P25W', 'PT72H', 'P1D']) expect(loadConfig({ BOOKING_HORIZON: horizon }).bookingHorizon).toBe(horizon);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'not a url'],
    ['JWT_TTL', 'one hour'],
    ['QUEUE_LOCK_DURATION', '30s'],
    ['SLA_CALENDAR', 'lunar'],
    ['SLA_TARGET', 'P0D'],
    ['SLA_WARN_AT', '1.5'],
    ['SEED_DEMO', 'maybe'],
    ['PII_KEY', Buffer.from('too short').toString('base64')],
    ['VISA_MAX_COMPANIONS', '-1'],
    ['EVISA_EXCLUDED_NATIONALITIES', 'VN,USA'],
    ['DESIGNATION_YEAR_START', '13-01'],
    ['DESIGNATION_CAPACITY', 'lots'],
    ['TELEMEDICINE_POLICY', 'anything'],
    ['PROGRAMME_TARGET_PATIENTS', '0'],
    ['PROGRAMME_TARGET_PATIENTS', 'many'],
    ['NODE_ENV', 'staging'],
    ['SMTP_URL', 'http://mail'],
    ['BOOKING_HORIZON', 'P181D'],
    ['BOOKING_HORIZON', 'P6M'],
    ['BOOKING_HORIZON', 'P1Y'],
    ['BOOKING_HORIZON', 'P26W'],
    ['BOOKING_HORIZON', 'PT0S'],
    ['BOOKING_HORIZON', '180 days'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.1,proxy.example'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['METRICS_TOKEN', 'short'],
  ])('a bad %s stops start-up with a message naming it', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(name);
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', REDIS_URL: 'y', JWT_TTL: 'z' });
    expect(problems).toHaveLength(3);
  });

  it('production refuses the development secrets and a missing secret', () => {
    const missing = problemsOf({ NODE_ENV: 'production' }).join('\n');
    expect(missing).toContain('JWT_SECRET');
    expect(missing).toContain('PII_KEY');
    const dev = problemsOf({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, PII_KEY: DEV_PII_KEY }).join('\n');
    expect(dev).toContain('JWT_SECRET');
    expect(dev).toContain('PII_KEY');
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short', PII_KEY: Buffer.alloc(32, 7).toString('base64') }).join('\n')).toContain('JWT_SECRET');
  });

  it('production with real secrets starts and never seeds demo data', () => {
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PII_KEY: Buffer.alloc(32, 7).toString('base64'), SEED_DEMO: 'true' });
    expect(c.seedDemo).toBe(false);
  });

  it('needs ADMIN_EMAIL and ADMIN_PASSWORD together, with a password of 12 characters or more', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'root@example.kr' }).join()).toContain('ADMIN_PASSWORD');
    expect(problemsOf({ ADMIN_EMAIL: 'root@example.kr', ADMIN_PASSWORD: 'short' }).join()).toContain('ADMIN_PASSWORD');
    expect(loadConfig({ ADMIN_EMAIL: 'root@example.kr', ADMIN_PASSWORD: 'long enough pass' }).adminEmail).toBe('root@example.kr');
  });

  it('never prints a database password', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://user:hunter2secret@db/x' }).join();
    expect(problems).toContain('DATABASE_URL');
    expect(problems).not.toContain('hunter2secret');
  });

  it('reads the SLA in calendar mode with second targets, as the tests of the SLA use', () => {
    expect(loadConfig({ SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT20S' }).sla).toMatchObject({ calendar: 'calendar', target: 'PT20S' });
  });

  it('trusts no proxy by default; TRUST_PROXY names addresses, ranges and Express\'s subnet names', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,fd00::1,192.168.1.7' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1', '192.168.1.7']);
  });

  it('keeps /metrics off the API unless METRICS_TOKEN is set', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken).toBe('a-long-enough-metrics-token');
  });
});
