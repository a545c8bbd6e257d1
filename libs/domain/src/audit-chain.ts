import { createHash } from 'node:crypto';
import { ChainedEvent, chainedEventJson } from './chained-event';

export * from './chained-event';

/** hash = sha256(prevHash ‖ canonical JSON of the event), chained per participant. */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash).update(chainedEventJson(event)).digest('hex');
}
