import { Logger } from '@nestjs/common';

/**
 * A worker's background loop: runs `pass` again at once while it reports more work, then waits
 * `intervalMs`; a failed pass is logged and retried at the next tick. `stop()` waits for the
 * running pass, so the database is never closed under it. (The outbox relay, the audit chainer.)
 */
export class PollingLoop {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    name: string,
    private readonly pass: () => Promise<boolean>,
    private readonly intervalMs: number,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain().finally(() => (this.running = undefined));
    }, ms);
  }

  private async drain(): Promise<void> {
    try {
      while ((await this.pass()) && !this.stopped);
    } catch (e) {
      this.logger.warn({ err: e }, 'pass failed; retrying');
    }
    this.schedule(this.intervalMs);
  }
}
