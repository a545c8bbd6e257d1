import { parentPort, workerData } from 'node:worker_threads';
import { HttpClient } from './http-client';
import type { LoadAnswer, LoadRequest, LoadSetup } from './http-load';
import { runClosedLoop, type Sample } from './measure';

// The thread behind HttpLoad: a keep-alive client that records the acts it is sent (or reads a path), and times them.
const setup = workerData as LoadSetup;
const client = new HttpClient(setup.url, setup.connections, setup.token);

const run = (request: LoadRequest): Promise<Sample> => {
  if ('reads' in request) {
    const { path, count, minBytes } = request.reads;
    return runClosedLoop(count, setup.connections, async () => {
      const answer = await client.request('GET', path);
      if (answer.status !== 200 || answer.text.length < minBytes)
        throw new Error(`GET ${path}: ${answer.status}, ${answer.text.length} characters: ${answer.text.slice(0, 200)}`);
    });
  }
  const { acts } = request;
  return runClosedLoop(acts.length, setup.connections, async (i) => {
    const act = acts[i];
    await client.expect(201, 'POST', `/api/treaties/${act.slug}/participants/${act.code}/actions`, { action: act.action, date: act.date });
  });
};

parentPort!.on('message', (request: LoadRequest) => {
  run(request).then(
    (sample) => parentPort!.postMessage({ sample } satisfies LoadAnswer),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies LoadAnswer),
  );
});
