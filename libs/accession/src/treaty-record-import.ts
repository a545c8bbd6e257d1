import { Injectable } from '@nestjs/common';
import { Actor } from '@depositary/domain';
import { NewTreaty, TreatiesService } from './treaties.service';
import { Act, ParticipantsService } from './participants.service';

/** A treaty's history as a file: the treaty, who was invited, and each act (the shape of iofs-statute.json). */
export interface TreatyRecordFile {
  treaty: NewTreaty;
  invited: { countries: string[]; invitedOn: string };
  actions: (Omit<Act, 'date'> & { country: string; date: string; illustrative?: boolean })[];
}

/** Loads a treaty's history through the same services as the API, so every act is checked, chained and relayed. */
@Injectable()
export class TreatyRecordImport {
  constructor(
    private readonly treaties: TreatiesService,
    private readonly participants: ParticipantsService,
  ) {}

  async load(actor: Actor, record: TreatyRecordFile): Promise<void> {
    await this.treaties.create(record.treaty);
    await this.participants.invite(actor, record.treaty.slug, record.invited);
    for (const act of record.actions) {
      const { country, illustrative, ...rest } = act;
      const note = illustrative ? [act.note, '(illustrative date)'].filter(Boolean).join(' ') : act.note;
      await this.participants.record(actor, record.treaty.slug, country, { ...rest, note });
    }
  }
}
