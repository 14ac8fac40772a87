import { describe, expect, it } from '@jest/globals';
import { ALL_JOBS, jobId, type JobKey } from './queue-registry.js';
import { collectHandlers } from './worker-host.service.js';

const handler = async () => undefined;
const all = () => ALL_JOBS.map((j) => ({ key: j.key, handler, owner: `H.${j.name}` }));

describe('job handler registry', () => {
  it('accepts exactly one handler per job', () => {
    expect(collectHandlers(all()).size).toBe(ALL_JOBS.length);
  });

  it('refuses to start when a job has no handler', () => {
    expect(() => collectHandlers(all().slice(1))).toThrow(`job ${ALL_JOBS[0].key} has no handler`);
  });

  it('refuses to start when a job has two handlers', () => {
    expect(() => collectHandlers([...all(), { key: ALL_JOBS[0].key, handler, owner: 'Other.method' }])).toThrow(/has 2 handlers/);
  });

  it('refuses a handler for a job that is not in the registry', () => {
    expect(() => collectHandlers([...all(), { key: 'nope/nothing' as JobKey, handler, owner: 'X.y' }])).toThrow(/unknown job/);
  });

  it('builds deterministic job ids BullMQ accepts (no ":")', () => {
    expect(jobId('sla', 'a:b', 'warning', 1)).toBe('sla.a_b.warning.1');
    expect(jobId('sla', 'x', 2)).toBe(jobId('sla', 'x', 2));
  });
});
