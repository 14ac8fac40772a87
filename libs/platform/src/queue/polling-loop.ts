import { Logger } from '@nestjs/common';

/**
 * A worker's background loop: runs `pass` again at once while it reports more work, then waits
 * `intervalMs`; a failed pass is logged and retried at the next tick. `wake()` runs a pass now
 * (or, during one, once more after it), so a notification of new work needs no poll; the
 * interval is then only a safety net. `stop()` waits for the running pass, so the database is
 * never closed under it. (The outbox relay, the audit chainer.)
 */
export class PollingLoop {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  /** Set by a wake-up during a pass: the work it announced may have committed after the pass read. */
  private woken = false;

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

  /** New work was announced: pass now, or once more right after the running pass. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.woken = true;
      return;
    }
    clearTimeout(this.timer);
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
      this.running = this.drain().finally(() => {
        this.running = undefined;
        // Woken between the last pass and here: nobody has looked yet.
        if (this.woken) this.wake();
      });
    }, ms);
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.woken = false;
        while ((await this.pass()) && !this.stopped);
      } while (this.woken && !this.stopped);
    } catch (e) {
      // A wake-up during a failed pass waits for the interval, so a failing database is not hammered.
      this.woken = false;
      this.logger.warn({ err: e }, 'pass failed; retrying');
    }
    this.schedule(this.intervalMs);
  }
}
