import { Injectable } from '@nestjs/common';
import { Actor, PersonAction } from '@depositary/domain';
import { NewTreaty, TreatiesService } from './treaties.service';
import { ParticipantsService } from './participants.service';

/** A treaty's history as a file: the treaty, who was invited, and each act (the shape of iofs-statute.json). */
export interface TreatyRecordFile {
  treaty: NewTreaty;
  invited: { countries: string[]; invitedOn: string };
  actions: { country: string; action: PersonAction; date: string; note?: string; reference?: string; illustrative?: boolean }[];
}

/** Loads a treaty's history through the same services as the API, so every act is checked, chained and relayed. */
@Injectable()
export class TreatyRecordImport {
  constructor(
    private readonly treaties: TreatiesService,
    private readonly participants: ParticipantsService,
  ) {}

  async load(actor: Actor, record: TreatyRecordFile): Promise<void> {
    await this.treaties.create(actor, record.treaty);
    await this.participants.invite(actor, record.treaty.slug, record.invited);
    for (const act of record.actions) {
      const note = act.illustrative ? [act.note, '(illustrative date)'].filter(Boolean).join(' ') : act.note;
      await this.participants.record(actor, record.treaty.slug, act.country, {
        action: act.action,
        date: act.date,
        note,
        reference: act.reference,
      });
    }
  }
}
