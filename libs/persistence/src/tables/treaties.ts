import type { Delay, EntryIntoForceRule, TreatyStatus } from '@depositary/domain';
import type { DecisiveDeposit, ReminderPolicy, TreatyNotificationSettings } from '@depositary/contracts';
import { table } from './table';

/** A treaty: its configuration, and its standing as the recompute last stored it. */
export interface TreatiesRow {
  id: number;
  slug: string;
  title: string;
  titles: { fr?: string; ar?: string };
  depositary: string | null;
  opened_for_signature_on: string;
  entry_into_force: EntryIntoForceRule;
  reminders: ReminderPolicy[];
  withdrawal: Delay;
  reservations: 'permitted' | 'prohibited';
  public: boolean;
  notifications: TreatyNotificationSettings;
  status: TreatyStatus;
  threshold_met_on: string | null;
  entry_into_force_on: string | null;
  decisive: DecisiveDeposit | null;
  evaluated_at: Date | null;
  imported_through_event: number | null;
  created_at: Date;
  updated_at: Date;
}

export const TREATIES = table<TreatiesRow>()('treaties', {
  id: 'int4',
  slug: 'text',
  title: 'text',
  titles: 'jsonb',
  depositary: 'text?',
  opened_for_signature_on: 'date',
  entry_into_force: 'jsonb',
  reminders: 'jsonb',
  withdrawal: 'jsonb',
  reservations: 'text',
  public: 'bool',
  notifications: 'jsonb',
  status: 'text',
  threshold_met_on: 'date?',
  entry_into_force_on: 'date?',
  decisive: 'jsonb?',
  evaluated_at: 'timestamptz?',
  imported_through_event: 'int8?',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
});

/** A change of a treaty's standing (threshold met, entry into force, and back), each recorded once under its key. */
export interface TreatyEventsRow {
  id: number;
  treaty_id: number;
  kind: string;
  key: string;
  details: Record<string, unknown>;
  recorded_at: Date;
}

export const TREATY_EVENTS = table<TreatyEventsRow>()('treaty_events', {
  id: 'int8',
  treaty_id: 'int4',
  kind: 'text',
  key: 'text',
  details: 'jsonb',
  recorded_at: 'timestamptz',
});
