import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobDefinition, JobKey, JobPayloads } from './queue-registry.js';

export const JOB_HANDLER = 'medjourney:job-handler';

/** Marks the method that handles one job of the registry. Exactly one per job, checked at start. */
export const JobHandler = (job: JobDefinition) => SetMetadata(JOB_HANDLER, job.key);

export type JobOf<K extends JobKey> = Job<JobPayloads[K]>;
