import { Logger } from '@nestjs/common';

/**
 * Logs a message that repeats in a loop (Redis or PostgreSQL away, a job failing the same way) at most once per
 * `everyMs` for each distinct text, then says how many repeats it left out. A retry loop then writes a few lines a
 * minute, whatever its pace.
 */
export class ThrottledLog {
  private readonly seen = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly everyMs = 30_000,
  ) {}

  warn(message: string): void {
    this.write(message, (text) => this.logger.warn(text));
  }

  error(message: string): void {
    this.write(message, (text) => this.logger.error(text));
  }

  private write(message: string, log: (text: string) => void): void {
    const now = Date.now();
    const last = this.seen.get(message);
    if (last && now - last.at < this.everyMs) {
      last.suppressed++;
      return;
    }
    if (this.seen.size > 1000) this.seen.clear();
    this.seen.set(message, { at: now, suppressed: 0 });
    log(last?.suppressed ? `${message} (repeated ${last.suppressed} times in the last ${Math.round((now - last.at) / 1000)} s)` : message);
  }
}
