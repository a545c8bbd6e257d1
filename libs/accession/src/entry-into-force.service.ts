import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EntryIntoForceRule, evaluateEntryIntoForce, todayUtc } from '@depositary/domain';
import type { TreatyStatus } from '@depositary/persistence';
import { DataSource } from 'typeorm';
import { DepositRow, depositsOf, treatyStatusOf } from './treaty-status';

/** Re-reads a treaty's record, evaluates its rule and stores the outcome on the treaty. */
@Injectable()
export class EntryIntoForceService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async recompute(treatyId: number): Promise<{ status: TreatyStatus; metOn: string | null; entryIntoForceOn: string | null } | null> {
    return this.db.transaction(async (tx) => {
      const [treaty]: { id: number; entry_into_force: EntryIntoForceRule }[] = await tx.query(
        `SELECT id, entry_into_force FROM treaties WHERE id = $1 FOR UPDATE`,
        [treatyId],
      );
      if (!treaty) return null;
      const rows: DepositRow[] = await tx.query(
        `SELECT country_code, status, instrument, deposited_on, withdrawn_on FROM participants WHERE treaty_id = $1`,
        [treatyId],
      );
      const today = todayUtc();
      const outcome = evaluateEntryIntoForce(treaty.entry_into_force, depositsOf(rows).deposits, today);
      const status = treatyStatusOf(outcome, today);
      await tx.query(`UPDATE treaties SET status = $2, threshold_met_on = $3, entry_into_force_on = $4, updated_at = now() WHERE id = $1`, [
        treatyId,
        status,
        outcome.metOn,
        outcome.entryIntoForceOn,
      ]);
      return { status, metOn: outcome.metOn, entryIntoForceOn: outcome.entryIntoForceOn };
    });
  }
}
