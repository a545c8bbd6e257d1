import { Injectable } from '@nestjs/common';
import { notFound } from '@depositary/domain';
import type { Treaty } from '@depositary/persistence';
import { AsOfQuery } from './as-of';
import { ParticipantsService } from './participants.service';
import { TreatiesService } from './treaties.service';
import { TreatyStatusView } from './treaty-status';
import { ParticipantView, TreatyView, toChartCsv, toTreatyView } from './views';

/** What anyone may read of a treaty: no user, actor, e-mail, focal point, note or internal reason. */
export type PublicTreatySummary = Pick<TreatyView, 'slug' | 'title' | 'titles' | 'depositary' | 'openedForSignatureOn' | 'status'> & {
  entryIntoForceOn: string | null;
};

export type PublicChartRow = Omit<ParticipantView, 'allowedActions' | 'version'>;

export interface PublicTreaty extends Omit<PublicTreatySummary, 'status'> {
  entryIntoForce: TreatyView['entryIntoForce'];
  withdrawal: TreatyView['withdrawal'];
  /** Where the treaty stands (as of `asOf`): as `GET /api/treaties/{slug}/status` answers it, less the worker's timing. */
  status: Pick<TreatyStatusView, 'status' | 'counts' | 'threshold' | 'entryIntoForceOn' | 'decisive' | 'explanation'>;
  chart: PublicChartRow[];
  asOf: string | null;
  knownAt: string | null;
}

/**
 * The public reads of the treaties an officer marked public. A treaty that is not public answers exactly as one
 * that does not exist. Each answer is built from the same reads as the signed-in ones, then stripped to what
 * is public.
 */
@Injectable()
export class PublicRecordService {
  constructor(
    private readonly treaties: TreatiesService,
    private readonly participants: ParticipantsService,
  ) {}

  async list(): Promise<PublicTreatySummary[]> {
    return (await this.treaties.list()).filter((treaty) => treaty.public).map(summaryOf);
  }

  async read(slug: string, query: AsOfQuery): Promise<PublicTreaty> {
    const found = await this.publicTreaty(slug);
    const treaty = toTreatyView(found);
    const [status, chart] = await Promise.all([this.treaties.statusOf(found, query), this.participants.chartOf(slug, null, query)]);
    const { status: standing, counts, threshold, entryIntoForceOn, decisive, explanation } = status;
    return {
      ...summaryOf(treaty),
      entryIntoForce: treaty.entryIntoForce,
      withdrawal: treaty.withdrawal,
      entryIntoForceOn,
      status: { status: standing, counts, threshold, entryIntoForceOn, decisive, explanation },
      chart: chart.map(({ allowedActions: _allowed, version: _version, ...row }) => row),
      asOf: query.asOf ?? null,
      knownAt: query.knownAt ?? null,
    };
  }

  /** A public treaty's title and status; the same 404 as an unknown one when it is not public. */
  async summary(slug: string): Promise<PublicTreatySummary> {
    return summaryOf(toTreatyView(await this.publicTreaty(slug)));
  }

  async csv(slug: string, query: AsOfQuery): Promise<string> {
    await this.publicTreaty(slug);
    return toChartCsv(await this.participants.chartOf(slug, null, query));
  }

  /** A public treaty; one that is not public is not found, exactly as an unknown one. */
  private async publicTreaty(slug: string): Promise<Treaty> {
    const treaty = await this.treaties.find(slug);
    if (!treaty.public) throw notFound(`treaty "${slug}"`);
    return treaty;
  }
}

const summaryOf = (treaty: TreatyView): PublicTreatySummary => ({
  slug: treaty.slug,
  title: treaty.title,
  titles: treaty.titles,
  depositary: treaty.depositary,
  openedForSignatureOn: treaty.openedForSignatureOn,
  status: treaty.status,
  entryIntoForceOn: treaty.entryIntoForceOn,
});
