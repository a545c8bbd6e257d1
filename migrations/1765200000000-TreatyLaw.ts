import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The participant model of treaty law: kinds of signature, succession, withdrawals that take effect after
 * notice, rejoining. Events keep what an act carries beyond its date (`details`, covered by the hash when
 * present). Participants written by the first version are brought to the new shape: an immediate withdrawal
 * reads as one notified and effective on its date.
 */
export class TreatyLaw1765200000000 implements MigrationInterface {
  name = 'TreatyLaw1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE treaties ADD COLUMN withdrawal jsonb NOT NULL DEFAULT '{"months": 12}'`);
    await db.query(`ALTER TABLE events ADD COLUMN details jsonb`);
    await db.query(`ALTER TABLE participants DROP CONSTRAINT participants_instrument_check`);
    await db.query(`
      ALTER TABLE participants
        ADD CONSTRAINT participants_instrument_check
          CHECK (instrument IN ('ratification', 'acceptance', 'approval', 'accession', 'succession', 'definitive_signature')),
        ADD COLUMN signature_kind text CHECK (signature_kind IN ('subject_to_ratification', 'ad_referendum', 'definitive')),
        ADD COLUMN signature_confirmed_on date,
        ADD COLUMN effective_from date,
        ADD COLUMN predecessor text,
        ADD COLUMN withdrawal_notified_on date,
        ADD COLUMN withdrawal_effective_on date,
        ADD COLUMN consents jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN correctable boolean NOT NULL DEFAULT false,
        ADD COLUMN last_act_on date`);
    await db.query(`
      UPDATE participants SET
        signature_kind = CASE WHEN signed_on IS NOT NULL THEN 'subject_to_ratification' END,
        withdrawal_notified_on = withdrawn_on,
        withdrawal_effective_on = withdrawn_on,
        correctable = status IN ('signed', 'ratified', 'withdrawn'),
        last_act_on = GREATEST(invited_on, signed_on, deposited_on, withdrawn_on),
        consents = CASE WHEN deposited_on IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
          'instrument', instrument, 'depositedOn', to_char(deposited_on, 'YYYY-MM-DD'), 'effectiveFrom', NULL,
          'withdrawnOn', to_char(withdrawn_on, 'YYYY-MM-DD'))) END`);
    await db.query(`ALTER TABLE participants ALTER COLUMN last_act_on SET NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE participants
        DROP COLUMN signature_kind, DROP COLUMN signature_confirmed_on, DROP COLUMN effective_from, DROP COLUMN predecessor,
        DROP COLUMN withdrawal_notified_on, DROP COLUMN withdrawal_effective_on, DROP COLUMN consents, DROP COLUMN correctable, DROP COLUMN last_act_on,
        DROP CONSTRAINT participants_instrument_check`);
    await db.query(
      `ALTER TABLE participants ADD CONSTRAINT participants_instrument_check CHECK (instrument IN ('ratification', 'acceptance', 'approval', 'accession'))`,
    );
    await db.query(`ALTER TABLE events DROP COLUMN details`);
    await db.query(`ALTER TABLE treaties DROP COLUMN withdrawal`);
  }
}
