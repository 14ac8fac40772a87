// The baseline of the sla-timers scenario: a bare BullMQ worker that does nothing with its jobs,
// with the concurrency each MedJourney worker process gives a queue.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const [url, prefix, queue] = process.argv.slice(2);
const connection = new Redis(url, { maxRetriesPerRequest: null });
const worker = new Worker(queue, async () => null, { connection, prefix, concurrency: 10 });
await worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await worker.close();
  connection.disconnect();
  process.exit(0);
});
