import { SetMetadata } from '@nestjs/common';
export const JOB_HANDLER = 'medjourney:job-handler';
export const JobHandler = (job) => SetMetadata(JOB_HANDLER, job.key);
//# sourceMappingURL=job-handler.decorator.js.map