import { parentPort, workerData } from 'node:worker_threads';
import { HttpClient } from './http-client';
import type { LoadAnswer, LoadRequest, LoadSetup } from './http-load';
import { runClosedLoop } from './measure';

// The thread behind HttpLoad: a keep-alive client that records the acts it is sent, and times them.
const setup = workerData as LoadSetup;
const client = new HttpClient(setup.url, setup.connections, setup.token);

parentPort!.on('message', ({ acts }: LoadRequest) => {
  runClosedLoop(acts.length, setup.connections, async (i) => {
    const act = acts[i];
    await client.expect(201, 'POST', `/api/treaties/${act.slug}/participants/${act.code}/actions`, { action: act.action, date: act.date });
  }).then(
    (sample) => parentPort!.postMessage({ sample } satisfies LoadAnswer),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies LoadAnswer),
  );
});
