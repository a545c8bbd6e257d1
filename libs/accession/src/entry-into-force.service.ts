import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import {
  EntryIntoForceRule,
  TreatyStatus,
  canonicalJson,
  decideTreaty,
  evaluateEntryIntoForce,
  membershipDateOf,
  nextRecomputeOn,
  systemStepsDue,
  todayUtc,
} from '@depositary/domain';
import { queueDeliveries, staffRecipients, TreatyEventDetails, TreatyEventKind } from '@depositary/notifications';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { transition } from './ledger';
import { DEPOSIT_COLUMNS, DecisiveDeposit, DepositRow, depositsOf } from './treaty-status';
import { PARTICIPANT_COLUMNS, ParticipantRow, TreatyRow, recordOfRow } from './views';
import { enqueueOutbox } from '@depositary/jobs';

interface StoredTreaty extends TreatyRow {
  title: string;
  entry_into_force: EntryIntoForceRule;
  status: TreatyStatus;
  threshold_met_on: string | null;
  entry_into_force_on: string | null;
}

export interface RecomputeOutcome {
  status: TreatyStatus;
  metOn: string | null;
  entryIntoForceOn: string | null;
  admitted: string[];
  /** Participants whose withdrawal took effect, and whose exit was recorded. */
  exited: string[];
  /** The next day something is due (entry into force, an admission, an exit): recompute then. */
  nextDueOn: string | null;
  notices: TreatyEventKind[];
}

/**
 * Re-reads a treaty's record, evaluates its rule and stores the outcome: `open` → `threshold_met` →
 * `in_force`, back to `open` when a withdrawal or correction undoes the threshold before entry into force.
 * Once in force the dates stand: a change that would move them is recorded as a `legal_review` treaty event
 * and sent to depositary staff. Ratified participants whose membership date has come are admitted by
 * `system`. Each notice is a treaty event with a unique key, so however often this runs, on however many
 * workers, each is recorded and e-mailed once.
 */
@Injectable()
export class EntryIntoForceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async recompute(treatyId: number): Promise<RecomputeOutcome | null> {
    return this.db.transaction(async (tx) => {
      const [treaty]: StoredTreaty[] = await tx.query(
        `SELECT id, slug, title, opened_for_signature_on, withdrawal, entry_into_force, status, threshold_met_on, entry_into_force_on
         FROM treaties WHERE id = $1 FOR UPDATE`,
        [treatyId],
      );
      if (!treaty) return null;
      const rows: (DepositRow & { country_name: string })[] = await tx.query(
        `SELECT ${DEPOSIT_COLUMNS}, c.name AS country_name FROM participants p JOIN countries c ON c.code = p.country_code WHERE p.treaty_id = $1`,
        [treatyId],
      );
      const today = todayUtc();
      const rule = treaty.entry_into_force;
      const outcome = evaluateEntryIntoForce(rule, depositsOf(rows).deposits, today);
      const nameOf = new Map(rows.map((row) => [row.country_code, row.country_name]));
      const decisive: DecisiveDeposit | null = outcome.decisive && {
        country: outcome.decisive.country,
        countryName: nameOf.get(outcome.decisive.country) ?? outcome.decisive.country,
        instrument: outcome.decisive.instrument,
        depositedOn: outcome.decisive.depositedOn,
        ordinal: outcome.decisiveOrdinal ?? 0,
      };
      const decision = decideTreaty(
        treaty.id,
        { status: treaty.status, metOn: treaty.threshold_met_on, entryIntoForceOn: treaty.entry_into_force_on },
        outcome,
        today,
        // Only the keys of a treaty not yet in force count its undoings; once in force the count is not read.
        treaty.status === 'in_force' ? 0 : await this.count(tx, treaty.id, 'threshold_undone'),
        (computed) => createHash('sha256').update(canonicalJson(computed)).digest('hex').slice(0, 16),
      );
      const { status, metOn, entryIntoForceOn } = decision;
      const notices: TreatyEventKind[] = [];
      for (const { kind, key, drafts, ...dates } of decision.notices) {
        const details: TreatyEventDetails = { treaty: { slug: treaty.slug, title: treaty.title }, decisive, ...dates };
        if (await this.notice(tx, treaty.id, kind, key, details, drafts)) notices.push(kind);
      }
      if (decision.store)
        await tx.query(
          `UPDATE treaties SET status = $2, threshold_met_on = $3, entry_into_force_on = $4, decisive = $5, evaluated_at = now(), updated_at = now() WHERE id = $1`,
          [treaty.id, status, metOn, entryIntoForceOn, metOn !== null ? decisive : null],
        );

      const { admitted, exited, nextDueOn } = await this.stepsDue(tx, treaty, metOn, entryIntoForceOn, today);
      return {
        status,
        metOn,
        entryIntoForceOn,
        admitted,
        exited,
        nextDueOn: nextRecomputeOn(status, entryIntoForceOn, nextDueOn),
        notices,
      };
    });
  }

  /** How long ago a participant of the treaty last changed: a recompute waits for a burst of acts to settle. */
  async quietForMs(treatyId: number): Promise<number> {
    const [row]: { ms: number | null }[] = await this.db.query(
      `SELECT (extract(epoch FROM clock_timestamp() - max(updated_at)) * 1000)::float8 AS ms FROM participants WHERE treaty_id = $1`,
      [treatyId],
    );
    return row?.ms ?? Number.POSITIVE_INFINITY;
  }

  /** Every treaty id, for the reconcile pass. */
  async treatyIds(): Promise<number[]> {
    return (await this.db.query<{ id: number }[]>(`SELECT id FROM treaties ORDER BY id`)).map((row) => row.id);
  }

  /**
   * Records, by `system`, the steps due by today for every bound participant: its admission on its
   * membership day (once the treaty's threshold is met), its exit on the day its withdrawal takes effect.
   * Returns the next day one falls due.
   */
  private async stepsDue(
    tx: EntityManager,
    treaty: StoredTreaty,
    metOn: string | null,
    entryIntoForceOn: string | null,
    today: string,
  ): Promise<{ admitted: string[]; exited: string[]; nextDueOn: string | null }> {
    const bound: ParticipantRow[] = await tx.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants p JOIN countries c ON c.code = p.country_code
       WHERE p.treaty_id = $1 AND (p.status = 'ratified' OR (p.status = 'member' AND p.withdrawal_effective_on IS NOT NULL))
       ORDER BY p.id FOR UPDATE OF p`,
      [treaty.id],
    );
    const admitted: string[] = [];
    const exited: string[] = [];
    let nextDueOn: string | null = null;
    for (const row of bound) {
      const record = recordOfRow(row);
      const current = record.consents.at(-1);
      const membershipOn =
        metOn && entryIntoForceOn && current ? membershipDateOf(treaty.entry_into_force, metOn, entryIntoForceOn, current) : null;
      const due = systemStepsDue(record, membershipOn, today);
      if (due.nextDueOn !== null && (nextDueOn === null || due.nextDueOn < nextDueOn)) nextDueOn = due.nextDueOn;
      let participant = row;
      for (const step of due.steps) {
        participant = (await transition(tx, treaty, participant, 'system', step)).participant;
        (step.action === 'admit' ? admitted : exited).push(row.country_code);
      }
    }
    return { admitted, exited, nextDueOn };
  }

  private async count(tx: EntityManager, treatyId: number, kind: TreatyEventKind): Promise<number> {
    const [{ count }]: { count: number }[] = await tx.query(
      `SELECT count(*)::int AS count FROM treaty_events WHERE treaty_id = $1 AND kind = $2`,
      [treatyId, kind],
    );
    return count;
  }

  /**
   * Records a treaty event once (by key) and queues its e-mail to depositary staff, and for the threshold and the entry
   * into force the drafting of a depositary notification; false when it already existed.
   */
  private async notice(
    tx: EntityManager,
    treatyId: number,
    kind: TreatyEventKind,
    key: string,
    details: TreatyEventDetails,
    drafts: boolean,
  ): Promise<boolean> {
    const [event]: { id: number }[] = await tx.query(
      `INSERT INTO treaty_events (treaty_id, kind, key, details) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING id`,
      [treatyId, kind, key, details],
    );
    if (!event) return false;
    if (drafts) await enqueueOutbox(tx, 'notification.draft', { treatyEventId: event.id });
    const recipients = await staffRecipients(tx, this.config.depositaryEmails);
    await queueDeliveries(
      tx,
      recipients.map((recipient) => ({ kind: `notice.${kind}`, key: `${key}-${recipient}`, recipient, treatyId, treatyEventId: event.id })),
    );
    return true;
  }
}
