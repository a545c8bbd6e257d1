import type { StatementKind, StatementStage, StatementText, TerritorialScope } from '@depositary/domain';
import { table } from './table';

/** A reservation, declaration, objection, territorial application or communication, kept beside the event that recorded it. */
export interface StatementsRow {
  id: number;
  participant_id: number;
  treaty_id: number;
  country_code: string;
  kind: StatementKind;
  made_on: string;
  at: StatementStage;
  text: StatementText;
  objects_to: number | null;
  territories: string[] | null;
  scope: TerritorialScope | null;
  reference: string | null;
  confirmed_on: string | null;
  withdrawn_on: string | null;
  event_id: number;
  created_at: Date;
}

export const STATEMENTS = table<StatementsRow>()('statements', {
  id: 'int8',
  participant_id: 'int4',
  treaty_id: 'int4',
  country_code: 'bpchar',
  kind: 'text',
  made_on: 'date',
  at: 'text',
  text: 'jsonb',
  objects_to: 'int8?',
  territories: 'jsonb?',
  scope: 'text?',
  reference: 'text?',
  confirmed_on: 'date?',
  withdrawn_on: 'date?',
  event_id: 'int8',
  created_at: 'timestamptz',
});
