import { newJobEpoch, outboxInsertSql } from '@depositary/jobs';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The hold of a restore drill: while it is on, no worker claims a delivery (the claim itself checks it), so a
 * database restored from a backup sends nothing until an operator has reviewed what it would send again.
 */
export const NOT_HELD = `NOT EXISTS (SELECT 1 FROM service_state WHERE deliveries_held_since IS NOT NULL)`;

export interface DeliveryHold {
  heldSince: Date | null;
  heldBy: string | null;
  releasedAt: Date | null;
  /** Deliveries not yet sent nor dead: what a release would let go. */
  pending: { queued: number; sending: number; failed: number };
}

export async function deliveryHold(db: DataSource | EntityManager): Promise<DeliveryHold> {
  const [row]: {
    deliveries_held_since: Date | null;
    deliveries_held_by: string | null;
    deliveries_released_at: Date | null;
    queued: number;
    sending: number;
    failed: number;
  }[] = await db.query(
    `SELECT s.deliveries_held_since, s.deliveries_held_by, s.deliveries_released_at,
            (SELECT count(*)::int FROM deliveries WHERE status = 'queued') AS queued,
            (SELECT count(*)::int FROM deliveries WHERE status = 'sending') AS sending,
            (SELECT count(*)::int FROM deliveries WHERE status = 'failed') AS failed
     FROM service_state s`,
  );
  return {
    heldSince: row.deliveries_held_since,
    heldBy: row.deliveries_held_by,
    releasedAt: row.deliveries_released_at,
    pending: { queued: row.queued, sending: row.sending, failed: row.failed },
  };
}

/** Holds deliveries (a hold already on keeps its start and author). */
export async function holdDeliveries(db: DataSource | EntityManager, by: string): Promise<void> {
  await db.query(
    `UPDATE service_state SET deliveries_held_since = coalesce(deliveries_held_since, now()), deliveries_held_by = coalesce(deliveries_held_by, $1)`,
    [by],
  );
}

/**
 * Releases the hold: the database gets a new job epoch (no job id of before can meet the ones to come, in this
 * Redis or the original's) and every delivery not yet sent nor dead is queued again through the outbox, in one
 * transaction. Returns how many were queued again.
 */
export async function releaseDeliveries(db: DataSource): Promise<{ requeued: number; epoch: string }> {
  const epoch = newJobEpoch();
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE service_state SET deliveries_held_since = NULL, deliveries_held_by = NULL, deliveries_released_at = now(), job_epoch = $1`,
      [epoch],
    );
    const [{ requeued }]: { requeued: number }[] = await tx.query(
      `WITH queued AS (
         ${outboxInsertSql('delivery.created', `jsonb_build_object('deliveryId', id)`, `deliveries WHERE status IN ('queued', 'sending', 'failed') ORDER BY id`)}
         RETURNING 1
       ) SELECT count(*)::int AS requeued FROM queued`,
    );
    return { requeued, epoch };
  });
}
