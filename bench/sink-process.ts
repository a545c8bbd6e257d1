/**
 * The bench's SMTP sink, run as its own process (bench/pipeline.ts startMailSink): accepts every message and
 * keeps nothing; reports to its parent, every few milliseconds, when each message was accepted (epoch ms, from
 * performance.timeOrigin + performance.now()).
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';

const REPORT_MS = 5;

let accepted: number[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('end', () => {
      accepted.push(performance.timeOrigin + performance.now());
      callback();
    });
    stream.resume();
  },
});
setInterval(() => {
  if (accepted.length === 0) return;
  process.send?.(accepted);
  accepted = [];
}, REPORT_MS).unref();
process.on('disconnect', () => server.close(() => process.exit(0)));
server.listen(0, '127.0.0.1', () => console.log(`sink listening on smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`));
