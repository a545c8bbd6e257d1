// Acts written through the ledger itself (libs/accession/src/ledger.ts), for service-level tests: no HTTP, no Nest.
import { KEEP_ROW, appendEvent, chain, lockParticipant, transition } from '@depositary/accession';
import { Actor, GENESIS_HASH } from '@depositary/domain';
import { DataSource, EntityManager } from 'typeorm';

export interface LedgerTreaty {
  db: DataSource;
  id: number;
  slug: string;
  actor: Actor;
}

/** Invites a country as the participants service does: the row, then its first event, which leaves the row as it is. */
export function invite(treaty: LedgerTreaty, code: string, invitedOn = '2013-12-10'): Promise<{ participantId: number; hash: string }> {
  return treaty.db.transaction(async (tx) => {
    const recordedAt = new Date();
    const event = {
      treatySlug: treaty.slug,
      countryCode: code,
      seq: 1,
      prevHash: GENESIS_HASH,
      action: 'invite' as const,
      from: null,
      to: 'invited' as const,
      date: invitedOn,
      actor: treaty.actor,
    };
    const { hash } = chain(event, recordedAt);
    const [{ id }]: { id: number }[] = await tx.query(
      `INSERT INTO participants (treaty_id, country_code, status, invited_on, last_act_on, event_count, last_hash)
       VALUES ($1, $2, 'invited', $3, $3, 1, $4) RETURNING id`,
      [treaty.id, code, invitedOn, hash],
    );
    await appendEvent(tx, { ...event, participantId: id, treatyId: treaty.id }, recordedAt, hash, KEEP_ROW);
    return { participantId: id, hash };
  });
}

/** Locks the participant and records one act, in one transaction, as the participants service does. */
export function act(
  treaty: LedgerTreaty,
  code: string,
  body: { action: 'sign' | 'ratify' | 'accede'; date: string },
  within?: (tx: EntityManager) => Promise<void>,
): ReturnType<typeof transition> {
  return treaty.db.transaction(async (tx) => {
    await within?.(tx);
    const { treaty: locked, row, history } = await lockParticipant(tx, treaty.slug, code, { withHistory: true });
    return transition(tx, locked, row, treaty.actor, body, history);
  });
}
