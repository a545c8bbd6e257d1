import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Actor,
  DEFAULT_WITHDRAWAL_DELAY,
  Delay,
  DomainError,
  EntryIntoForceRule,
  ErrorCode,
  configurationDiff,
  configurationOf,
  countriesNamedBy,
  invalid,
  notFound,
  todayUtc,
} from '@depositary/domain';
import { Country, ReminderPolicy, Treaty, recordConfigurationChange, refusingDuplicates } from '@depositary/persistence';
import { EntityManager, In, Repository } from 'typeorm';
import { AsOfQuery, asksForThePast, projectTreaty } from './as-of';
import { DEPOSIT_COLUMNS, DepositRow, TreatyStatusView, toTreatyStatusView, toTreatyStatusViewAsOf } from './treaty-status';
import { TreatyView, toTreatyView } from './views';

export interface NewTreaty {
  slug: string;
  title: string;
  titles?: { fr?: string; ar?: string };
  depositary?: string;
  openedForSignatureOn: string;
  entryIntoForce: EntryIntoForceRule;
  withdrawal?: Delay;
  reminders?: ReminderPolicy[];
  reservations?: 'permitted' | 'prohibited';
  public?: boolean;
  notifications?: { autoIssue: boolean };
}

export interface TreatyChange {
  title?: string;
  titles?: { fr?: string; ar?: string };
  depositary?: string | null;
  reminders?: ReminderPolicy[];
  entryIntoForce?: EntryIntoForceRule;
  withdrawal?: Delay;
  reservations?: 'permitted' | 'prohibited';
  public?: boolean;
  notifications?: { autoIssue: boolean };
}

/** What of a treaty's view is not its configuration: timestamps, and the state the worker computes. */
const NOT_CONFIGURATION = ['createdAt', 'updatedAt', 'status', 'thresholdMetOn', 'entryIntoForceOn'] as const;

@Injectable()
export class TreatiesService {
  constructor(
    @InjectRepository(Treaty) private readonly treaties: Repository<Treaty>,
    @InjectRepository(Country) private readonly countries: Repository<Country>,
  ) {}

  /** Creates a treaty and audits it, in its own transaction or in the caller's (`within`). */
  async create(actor: Actor | 'system', input: NewTreaty, within?: EntityManager): Promise<TreatyView> {
    await this.checkRuleCountries(input.entryIntoForce);
    const run = async (tx: EntityManager): Promise<TreatyView> => {
      const treaties = tx.getRepository(Treaty);
      const saved = await treaties.save(
        treaties.create({
          slug: input.slug,
          title: input.title,
          titles: input.titles ?? {},
          depositary: input.depositary ?? null,
          openedForSignatureOn: input.openedForSignatureOn,
          entryIntoForce: input.entryIntoForce,
          withdrawal: input.withdrawal ?? DEFAULT_WITHDRAWAL_DELAY,
          reminders: input.reminders ?? [],
          reservations: input.reservations ?? 'permitted',
          public: input.public ?? false,
          notifications: input.notifications ?? { autoIssue: false },
        }),
      );
      const view = toTreatyView(await treaties.findOneByOrFail({ id: saved.id }));
      await recordConfigurationChange(tx, actor, {
        action: 'treaty.created',
        treaty: view.slug,
        subject: view.slug,
        before: null,
        after: configurationOf({ ...view }, NOT_CONFIGURATION),
      });
      return view;
    };
    return refusingDuplicates(
      () => (within ? run(within) : this.treaties.manager.transaction(run)),
      () => new DomainError(ErrorCode.Duplicate, `a treaty with slug "${input.slug}" already exists`, { slug: input.slug }),
    );
  }

  async list(): Promise<TreatyView[]> {
    return (await this.treaties.find({ order: { openedForSignatureOn: 'DESC', slug: 'ASC' } })).map(toTreatyView);
  }

  async get(slug: string): Promise<TreatyView> {
    return toTreatyView(await this.find(slug));
  }

  async find(slug: string): Promise<Treaty> {
    const treaty = await this.treaties.findOneBy({ slug });
    if (!treaty) throw notFound(`treaty "${slug}"`);
    return treaty;
  }

  async update(actor: Actor | 'system', slug: string, change: TreatyChange): Promise<TreatyView> {
    return this.treaties.manager.transaction(async (tx) => {
      const treaties = tx.getRepository(Treaty);
      const treaty = await treaties.findOne({ where: { slug }, lock: { mode: 'pessimistic_write' } });
      if (!treaty) throw notFound(`treaty "${slug}"`);
      const before = toTreatyView(treaty);
      if (change.entryIntoForce !== undefined) {
        if (treaty.status !== 'open')
          throw new DomainError(
            ErrorCode.TreatyNotOpen,
            `the entry-into-force rule can only change while the treaty is open; it is ${treaty.status}`,
            {
              status: treaty.status,
            },
          );
        await this.checkRuleCountries(change.entryIntoForce);
        treaty.entryIntoForce = change.entryIntoForce;
      }
      if (change.title !== undefined) treaty.title = change.title;
      if (change.titles !== undefined) treaty.titles = change.titles;
      if (change.depositary !== undefined) treaty.depositary = change.depositary;
      if (change.reminders !== undefined) treaty.reminders = change.reminders;
      // A withdrawal already notified keeps the day it was given: the new delay applies to later notifications.
      if (change.withdrawal !== undefined) treaty.withdrawal = change.withdrawal;
      if (change.public !== undefined) treaty.public = change.public;
      if (change.reservations !== undefined) treaty.reservations = change.reservations;
      if (change.notifications !== undefined) treaty.notifications = change.notifications;
      await treaties.save(treaty);
      const after = toTreatyView(await treaties.findOneByOrFail({ id: treaty.id }));
      const diff = configurationDiff({ ...before }, { ...after }, NOT_CONFIGURATION);
      if (diff) await recordConfigurationChange(tx, actor, { action: 'treaty.updated', treaty: slug, subject: slug, ...diff });
      return after;
    });
  }

  /** Counts, threshold and entry-into-force date, evaluated from the record as it stands, or as it stood. */
  async status(slug: string, query: AsOfQuery = {}): Promise<TreatyStatusView> {
    return this.statusOf(await this.find(slug), query);
  }

  /** The status of a treaty already read. */
  async statusOf(treaty: Treaty, query: AsOfQuery = {}): Promise<TreatyStatusView> {
    if (asksForThePast(query)) {
      const projected = await projectTreaty(this.treaties.manager, treaty.id, treaty.entryIntoForce, query);
      return toTreatyStatusViewAsOf(treaty, projected.projection, projected.names, {
        asOf: query.asOf ?? null,
        knownAt: query.knownAt ?? null,
        day: projected.day,
      });
    }
    const rows: DepositRow[] = await this.treaties.query(`SELECT ${DEPOSIT_COLUMNS} FROM participants p WHERE p.treaty_id = $1`, [
      treaty.id,
    ]);
    return toTreatyStatusView(treaty, rows, todayUtc());
  }

  private async checkRuleCountries(rule: EntryIntoForceRule): Promise<void> {
    const named = [...new Set(countriesNamedBy(rule))];
    if (named.length === 0) return;
    const known = new Set((await this.countries.find({ where: { code: In(named) }, select: { code: true } })).map((c) => c.code));
    const unknown = named.filter((code) => !known.has(code));
    if (unknown.length)
      throw invalid(`entryIntoForce names unknown countries: ${unknown.join(', ')}`, { field: 'entryIntoForce', unknown });
  }
}
