/**
 * The bench process's resident set (the API and the HTTP client thread; the worker and the SMTP sink run in
 * processes of their own), sampled every 100 ms and kept as a maximum per named phase.
 */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private current = 'start';
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Samples once more for the phase ending, then charges the following samples to `name`. */
  phase(name: string): void {
    this.sample();
    this.current = name;
    this.sample();
  }

  /** The highest RSS seen in each phase, in bytes, in the order the phases began. */
  stop(): Map<string, number> {
    this.sample();
    clearInterval(this.timer);
    return new Map(this.peaks);
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > (this.peaks.get(this.current) ?? 0)) this.peaks.set(this.current, rss);
  }
}

/** The peak RSS of this process over its whole life (getrusage maxrss, in KB), in bytes. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
