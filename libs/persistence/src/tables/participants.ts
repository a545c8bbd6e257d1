import type { ConsentPeriod, Instrument, ParticipantStatus, SignatureKind } from '@depositary/domain';
import { table } from './table';

/** A state's standing under a treaty: its record as the domain computes it, the head of its event chain and its version. */
export interface ParticipantsRow {
  id: number;
  treaty_id: number;
  country_code: string;
  status: ParticipantStatus;
  version: number;
  invited_on: string;
  signed_on: string | null;
  signature_kind: SignatureKind | null;
  signature_confirmed_on: string | null;
  deposited_on: string | null;
  instrument: Instrument | null;
  effective_from: string | null;
  predecessor: string | null;
  member_since: string | null;
  withdrawal_notified_on: string | null;
  withdrawal_effective_on: string | null;
  withdrawn_on: string | null;
  consents: ConsentPeriod[];
  last_act_on: string;
  correctable: boolean;
  event_count: number;
  last_hash: string;
  updated_at: Date;
}

export const PARTICIPANTS = table<ParticipantsRow>()('participants', {
  id: 'int4',
  treaty_id: 'int4',
  country_code: 'bpchar',
  status: 'text',
  version: 'int4',
  invited_on: 'date',
  signed_on: 'date?',
  signature_kind: 'text?',
  signature_confirmed_on: 'date?',
  deposited_on: 'date?',
  instrument: 'text?',
  effective_from: 'date?',
  predecessor: 'text?',
  member_since: 'date?',
  withdrawal_notified_on: 'date?',
  withdrawal_effective_on: 'date?',
  withdrawn_on: 'date?',
  consents: 'jsonb',
  last_act_on: 'date',
  correctable: 'bool',
  event_count: 'int4',
  last_hash: 'bpchar',
  updated_at: 'timestamptz',
});
