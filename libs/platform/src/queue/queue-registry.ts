/**
 * Every queue and job of the system, with its payload type, in one place. Payloads carry ids
 * only: handlers re-read the rows and exit quietly when the state has moved on.
 * A module that adds a job adds it here and registers exactly one handler in the worker
 * (the worker refuses to start otherwise).
 */
export const QUEUE_NAMES = [
  'events', 'events-journey', 'events-notifications', 'events-statistics',
  'notifications', 'maintenance', 'hospitals', 'visas', 'sla', 'timers', 'journey', 'matching', 'telemedicine',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Event subscribers whose deliveries run on a queue of their own, with slots of their own in each
 * worker process, so that one subscriber's backlog cannot hold back another's effects: under the
 * submit load the statistics' deliveries (which serialise at their end on the programme-wide
 * rows) filled the shared queue's slots while the journey's and the notifications' waited behind
 * them. `slots` bounds how many of the lane's delivery transactions (and database connections) a
 * process runs at once; `batch` how many deliveries one transaction takes (every one of them
 * waits for its commit, so a subscriber that spends statements per event takes few; the
 * notification centre's set-based handler takes many). Every other subscriber's deliveries run
 * on `events`, DEFAULT_DELIVERY_BATCH at a time.
 *
 * `gatherMs` delays a lane's delivery jobs so that the first to run finds the deliveries
 * published meanwhile in its backlog and takes them in one transaction (their jobs are removed):
 * under the submit load the statistics ran one transaction of a dozen statements and one job per
 * submission. Only a subscriber with a freshness bound well above it may gather (the figures: 5 s,
 * spec/statistics.md); the journey's and the notification centre's effects are the event lag's
 * (spec/performance.md) and are never delayed.
 */
export const DELIVERY_LANES: Readonly<Record<string, { queue: QueueName; slots: number; batch: number; gatherMs?: number }>> = {
  // Two events per submitted application arrive in bursts: with two slots their jobs waited
  // 102-138 ms at p99 under the submit load (bench/README.md, event-lag), with six 35-71 ms.
  // A delivery's transaction mostly waits on round trips, so more slots cost connections, not CPU.
  'journey.timeline': { queue: 'events-journey', slots: 6, batch: 10 },
  'notifications.notices': { queue: 'events-notifications', slots: 2, batch: 50 },
  // applyAll's statements are per batch, not per event, so a gathered second's submissions fit in one.
  'statistics.figures': { queue: 'events-statistics', slots: 2, batch: 50, gatherMs: 1000 },
};
export const DEFAULT_DELIVERY_BATCH = 50;

/** How many deliveries of a subscriber one transaction takes at most. */
export function deliveryBatch(subscriber: string): number {
  return DELIVERY_LANES[subscriber]?.batch ?? DEFAULT_DELIVERY_BATCH;
}

/** How long a subscriber's delivery jobs wait before they run (0: at once). */
export function deliveryDelay(subscriber: string): number {
  return DELIVERY_LANES[subscriber]?.gatherMs ?? 0;
}

/** The queue that runs a subscriber's deliveries. */
export function deliveryQueue(subscriber: string): QueueName {
  return DELIVERY_LANES[subscriber]?.queue ?? 'events';
}

export interface JobPayloads {
  /**
   * Runs one subscriber's handler for one domain event (id evt.<subscriber>.<eventId>).
   * `publishedUnder`: the publishing transaction's advisory lock, when its publisher added the job
   * as its COMMIT went out (`DeliveriesOnCommit`): a job that finds no delivery yet waits on it.
   */
  'events/deliver': { eventId: string; subscriber: string; publishedUnder?: string };
  /** Re-sends deliveries that are unfinished and whose job Redis lost (job scheduler). */
  'events/reconcile': Record<string, never>;
  /**
   * An account e-mail, rendered by identity's worker handler from the row it names: to a user, to
   * the address of a pending registration (its verification link), or to an invited user (the
   * invitation link). Links are derived again from the row's id, so no token travels in a payload.
   */
  'notifications/email':
    | { template: 'account-created' | 'account-deactivated' | 'already-registered'; userId: string; eventId: string }
    | { template: 'verify-email'; registrationId: string; eventId: string }
    | { template: 'invitation'; invitationId: string; eventId: string }
    | { template: 'password-reset'; passwordResetId: string; eventId: string };
  /** Sends one stored notification by e-mail (id notification-email.<id>). */
  'notifications/deliver-email': { notificationId: string };
  /** Re-queues e-mails still unsent whose job Redis lost (job scheduler). */
  'notifications/email-sweep': Record<string, never>;
  /** Expires designations at year end, ends suspensions, sends reminders (job scheduler). */
  'hospitals/designation-lifecycle': Record<string, never>;
  /** Assigns a submitted application to the least loaded active officer. */
  'sla/assign': { applicationId: string };
  /** Durable timers are due at this instant (delayed job, id timer.<instant>.<first arming>; see TimersService). */
  'timers/due': { at: string };
  /** Fires overdue timers and re-creates missing timer jobs from PostgreSQL (job scheduler). */
  'timers/reconcile': Record<string, never>;
  /** Stores expired visas and flags overstays, raising the sponsors' sanctions (job scheduler, nightly). */
  'journey/nightly': Record<string, never>;
  /** Fills in the journeys of applications made before the journey module (job scheduler; a no-op once done). */
  'journey/backfill': Record<string, never>;
  /** Fills in the masked passport numbers of persons written before they were stored (job scheduler; a no-op once done). */
  'visas/mask-backfill': Record<string, never>;
  /** Keeps every active care provider's availability instants a few days past the longest booking horizon (job scheduler). */
  'matching/availability-horizon': Record<string, never>;
  /** Sends one stored appointment e-mail: an invitation, a cancellation or a local clinician's reminder (id telemedicine-mail.<id>). */
  'telemedicine/mail': { mailId: string };
  /** Re-queues appointment e-mails still unsent whose job Redis lost (job scheduler). */
  'telemedicine/mail-sweep': Record<string, never>;
  /** Deletes expired idempotency keys (job scheduler). */
  'maintenance/purge-expired': Record<string, never>;
  /** Deletes invitations expired for 30 days (job scheduler). */
  'maintenance/purge-invitations': Record<string, never>;
}
export type JobKey = keyof JobPayloads;

export interface JobDefinition<K extends JobKey = JobKey> {
  key: K;
  queue: QueueName;
  name: string;
}

function job<K extends JobKey>(key: K): JobDefinition<K> {
  const [queue, name] = key.split('/') as [QueueName, string];
  return { key, queue, name };
}

export const JOBS = {
  eventDelivery: job('events/deliver'),
  eventReconcile: job('events/reconcile'),
  email: job('notifications/email'),
  notificationEmail: job('notifications/deliver-email'),
  notificationEmailSweep: job('notifications/email-sweep'),
  purgeExpired: job('maintenance/purge-expired'),
  purgeInvitations: job('maintenance/purge-invitations'),
  designationLifecycle: job('hospitals/designation-lifecycle'),
  slaAssign: job('sla/assign'),
  timerDue: job('timers/due'),
  timersReconcile: job('timers/reconcile'),
  journeyNightly: job('journey/nightly'),
  journeyBackfill: job('journey/backfill'),
  availabilityHorizon: job('matching/availability-horizon'),
  visasMaskBackfill: job('visas/mask-backfill'),
  appointmentMail: job('telemedicine/mail'),
  appointmentMailSweep: job('telemedicine/mail-sweep'),
} as const;

export const ALL_JOBS: readonly JobDefinition[] = Object.values(JOBS);

/** Finished jobs are kept for inspection a while, then removed, so Redis does not grow. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
} as const;

/**
 * Deterministic job ids make a repeated enqueue of the same event a no-op in BullMQ
 * (`timer.<instant>.<first arming>`). BullMQ refuses ':' in custom ids.
 */
export function jobId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[:.]/g, '_')).join('.');
}
