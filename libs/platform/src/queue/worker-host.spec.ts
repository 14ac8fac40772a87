import { describe, expect, it } from '@jest/globals';
import { ALL_JOBS, DEFAULT_DELIVERY_BATCH, DELIVERY_LANES, deliveryBatch, deliveryDelay, deliveryQueue, jobId, QUEUE_NAMES, type JobKey } from './queue-registry.js';
import { collectHandlers, jobKeyOn, queueConcurrency, workedQueues } from './worker-host.service.js';

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

  it('runs each delivery lane with its own slots and the events queue\'s handler; other subscribers share events', () => {
    expect(deliveryQueue('statistics.figures')).toBe('events-statistics');
    expect(deliveryQueue('journey.timeline')).toBe('events-journey');
    expect(deliveryQueue('sla.redistribute')).toBe('events');
    for (const [subscriber, lane] of Object.entries(DELIVERY_LANES)) {
      expect(QUEUE_NAMES).toContain(lane.queue);
      expect(workedQueues()).toContain(lane.queue);
      expect(queueConcurrency(deliveryQueue(subscriber))).toBe(lane.slots);
      expect(jobKeyOn(lane.queue, 'deliver')).toBe('events/deliver');
    }
    // No two subscribers share a lane, and every queue of the registry has a worker.
    expect(new Set(Object.values(DELIVERY_LANES).map((l) => l.queue)).size).toBe(Object.keys(DELIVERY_LANES).length);
    expect([...workedQueues()].sort()).toEqual([...QUEUE_NAMES].sort());
    expect(queueConcurrency('events')).toBe(4);
    // The journey spends statements per event, the notification centre a few per batch.
    expect(deliveryBatch('journey.timeline')).toBe(10);
    expect(deliveryBatch('notifications.notices')).toBe(50);
    expect(deliveryBatch('sla.redistribute')).toBe(DEFAULT_DELIVERY_BATCH);
    // The figures gather a second of deliveries per transaction, well within their 5 s (spec/statistics.md); the event lag's effects (journey, notices) and the rest never wait.
    expect(deliveryDelay('statistics.figures')).toBe(1000);
    for (const subscriber of ['journey.timeline', 'notifications.notices', 'sla.redistribute', 'matching.re-offer']) expect(deliveryDelay(subscriber)).toBe(0);
    expect(jobKeyOn('sla', 'assign')).toBe('sla/assign');
    // The sla queue holds only the assignments, which serialise on one advisory lock.
    expect(ALL_JOBS.filter((j) => j.queue === 'sla').map((j) => j.key)).toEqual(['sla/assign']);
    expect(queueConcurrency('sla')).toBe(1);
  });
});
