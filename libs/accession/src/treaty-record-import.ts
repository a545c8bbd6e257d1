import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, DomainError, invalid, todayUtc } from '@depositary/domain';
import { DataSource } from 'typeorm';
import { projectTreaty } from './as-of';
import { Act, ParticipantsService } from './participants.service';
import { NewTreaty, TreatiesService } from './treaties.service';
import { TreatyStatusView, toTreatyStatusViewAsOf } from './treaty-status';
import { TreatyView } from './views';

/** A treaty's history as a file: the treaty, who was invited, and each act (the shape of iofs-statute.json). */
export interface TreatyRecordFile {
  treaty: NewTreaty;
  invited: { countries: string[]; invitedOn: string; note?: string };
  actions: (Omit<Act, 'date'> & { country: string; date?: string; illustrative?: boolean })[];
}

export interface ImportResult {
  dryRun: boolean;
  treaty: TreatyView;
  invited: number;
  recorded: number;
  /** The status the record comes to, computed from it as the worker will (the worker stores it shortly after). */
  status: TreatyStatusView;
}

/** Thrown to roll a dry run back once its answer is known. */
class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Loads a treaty's history in one transaction through the same services as the API, so that every act is checked,
 * chained and relayed: all of it is recorded, or none. A line the machine or the date rules refuse is a 400 that
 * names its index. A dry run does all of it and rolls back, answering what would have been created.
 */
@Injectable()
export class TreatyRecordImport {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly treaties: TreatiesService,
    private readonly participants: ParticipantsService,
  ) {}

  async load(actor: Actor, record: TreatyRecordFile, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
    try {
      return await this.db.transaction(async (tx) => {
        // An imported history is already known to the states: its acts draft no depositary notification.
        await tx.query(`SET LOCAL depositary.import = 'on'`);
        const treaty = await this.treaties.create(actor, record.treaty, tx);
        const { invited } = await this.participants.invite(actor, treaty.slug, record.invited, tx);
        for (const [index, line] of record.actions.entries()) {
          const { country, illustrative, ...act } = line;
          const note = illustrative ? [act.note, '(illustrative date)'].filter(Boolean).join(' ') : act.note;
          try {
            await this.participants.recordWithin(tx, actor, treaty.slug, country, { ...act, note });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            throw invalid(`actions[${index}] (${country} ${act.action}${act.date ? ` ${act.date}` : ''}): ${error.message}`, {
              ...error.details,
              index,
              field: `actions.${index}`,
              cause: error.code,
            });
          }
        }
        // Nor do the threshold and entry into force that this history alone yields.
        const [{ id }]: { id: number }[] = await tx.query(
          `WITH marked AS (
             UPDATE treaties SET imported_through_event = (SELECT max(id) FROM events WHERE treaty_slug = $1) WHERE slug = $1 RETURNING id
           )
           SELECT id FROM marked`,
          [treaty.slug],
        );
        const projected = await projectTreaty(tx, id, record.treaty.entryIntoForce, { asOf: todayUtc() });
        const stored = { ...treaty, entryIntoForce: record.treaty.entryIntoForce, decisive: null, evaluatedAt: null };
        const status = toTreatyStatusViewAsOf(stored, projected.projection, projected.names, {
          asOf: null,
          knownAt: null,
          day: projected.day,
        });
        const result = { dryRun: options.dryRun === true, treaty, invited: invited.length, recorded: record.actions.length, status };
        if (options.dryRun) throw new DryRun(result);
        return result;
      });
    } catch (error) {
      if (error instanceof DryRun) return error.result;
      throw error;
    }
  }
}
