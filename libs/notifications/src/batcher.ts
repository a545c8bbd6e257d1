/**
 * Turns many concurrent single-key calls into few batch calls. A call made while no batch runs starts one on
 * the next turn of the event loop, or `lingerMs` later, gathering every call made meanwhile; calls made while
 * a batch runs wait for it and go together in the next. So a lone call waits for nothing (or `lingerMs`), and
 * under load one batch statement serves many callers (up to `maxBatch`). A failed batch fails each of its
 * callers; later batches still run.
 */
export class Batcher<K, V> {
  private pending: { key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[] = [];
  private running = false;
  private scheduled = false;

  /**
   * `run` answers one value per key it was given, in a map; a key missing from the map answers `undefined`.
   * Each value goes to one caller: when a key is called twice in one batch, the second call answers `undefined`
   * (a delivery claimed once is sent once).
   */
  constructor(
    private readonly run: (keys: K[]) => Promise<Map<K, V>>,
    private readonly options: { maxBatch?: number; lingerMs?: number } = {},
  ) {}

  call(key: K): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    const start = (): void => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.options.lingerMs) setTimeout(start, this.options.lingerMs);
    else setImmediate(start);
  }

  private async flush(): Promise<void> {
    this.running = true;
    const batch = this.pending.splice(0, this.options.maxBatch ?? 100);
    try {
      const values = await this.run(batch.map((item) => item.key));
      for (const item of batch) {
        item.resolve(values.get(item.key));
        values.delete(item.key);
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}
