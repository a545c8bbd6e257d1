import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Sample } from './measure';
import type { RawAct } from './raw';

export interface LoadRequest {
  acts: RawAct[];
}

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
      this.worker.postMessage({ acts } satisfies LoadRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
