import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Sample } from './measure';
import type { RawAct } from './raw';

/** Record these acts, or GET one path `count` times (expecting 200 and a body of `minBytes` or more). */
export type LoadRequest = { acts: RawAct[] } | { reads: { path: string; count: number; minBytes: number } };

export type LoadAnswer = { sample: Sample } | { error: string };

export interface LoadSetup {
  url: string;
  token: string;
  connections: number;
}

/**
 * The HTTP load generator, on its own thread: the client's work (serialising requests, parsing answers)
 * does not run on the API's event loop, as it would not in production. One batch at a time.
 */
export class HttpLoad {
  private readonly worker: Worker;

  constructor(setup: LoadSetup) {
    this.worker = new Worker(path.join(__dirname, 'http-worker.js'), { workerData: setup });
    this.worker.unref();
  }

  /** Records every act over HTTP (`connections` at a time) and answers the sample the worker measured. */
  run(acts: RawAct[]): Promise<Sample> {
    return this.send({ acts });
  }

  /** GETs `path` `count` times (`connections` at a time), each answer a 200 of at least `minBytes`. */
  read(path: string, count: number, minBytes: number): Promise<Sample> {
    return this.send({ reads: { path, count, minBytes } });
  }

  private send(request: LoadRequest): Promise<Sample> {
    return new Promise<Sample>((resolve, reject) => {
      const onError = (error: Error): void => {
        this.worker.off('message', onMessage);
        reject(error);
      };
      const onMessage = (answer: LoadAnswer): void => {
        this.worker.off('error', onError);
        if ('error' in answer) reject(new Error(answer.error));
        else resolve(answer.sample);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
