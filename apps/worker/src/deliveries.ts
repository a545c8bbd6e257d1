import { loadConfig } from '@depositary/config';
import { deliveryHold, holdDeliveries, releaseDeliveries } from '@depositary/notifications';
import { dataSourceOptions, initializeWithRetry } from '@depositary/persistence';
import { hostname, userInfo } from 'node:os';

/**
 * The operator's side of the delivery hold (a restore drill):
 *   npm run deliveries:hold      no worker sends anything until released
 *   npm run deliveries:status    whether deliveries are held, and what a release would let go
 *   npm run deliveries:release   a new job epoch, and every delivery not yet sent nor dead queued again
 */
async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const db = await initializeWithRetry(dataSourceOptions(config.databaseUrl, 2), 0, false);
  try {
    if (command === 'hold') await holdDeliveries(db, `npm run deliveries:hold, ${userInfo().username} on ${hostname()}`);
    else if (command === 'release') {
      const { requeued, epoch } = await releaseDeliveries(db);
      console.log(`released: ${requeued} deliveries queued again; job ids now carry the epoch ${epoch}`);
      return;
    } else if (command !== 'status') throw new Error(`usage: deliveries.js hold | status | release (not "${command ?? ''}")`);
    const hold = await deliveryHold(db);
    const { queued, sending, failed } = hold.pending;
    console.log(
      hold.heldSince
        ? `held since ${hold.heldSince.toISOString()} by ${hold.heldBy ?? 'unknown'}: ${queued} queued, ${sending} sending, ${failed} failed wait for a release`
        : `not held${hold.releasedAt ? ` (released ${hold.releasedAt.toISOString()})` : ''}: ${queued} queued, ${sending} sending, ${failed} failed`,
    );
  } finally {
    await db.destroy();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
