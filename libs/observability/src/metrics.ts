import { Counter, collectDefaultMetrics, register } from 'prom-client';

let defaultMetrics = false;

/** The process's own metrics (CPU, memory, event loop lag), once per process, in prom-client's global registry. */
export function ensureDefaultMetrics(): void {
  if (defaultMetrics) return;
  collectDefaultMetrics();
  defaultMetrics = true;
}

/** A counter of the process's global registry, created on first use (the API and the worker may share a process). */
export function processCounter<Label extends string>(name: string, help: string, labelNames: readonly Label[]): Counter<Label> {
  return (register.getSingleMetric(name) as Counter<Label> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Acts recorded by a person, by action (sign, ratify, ...), counted once committed; a replayed request is not counted again. */
export const actsRecorded = (): Counter<'action'> =>
  processCounter('depositary_acts_recorded_total', 'Acts recorded by a person, by action', ['action']);

/** E-mail notifications issued (delivery records created), by kind. */
export const notificationsIssued = (): Counter<'kind'> =>
  processCounter('depositary_notifications_issued_total', 'E-mail notifications issued (delivery records created), by kind', ['kind']);
