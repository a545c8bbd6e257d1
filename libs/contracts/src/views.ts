// The answers of the API, as the service builds them and the web page reads them: one definition for both.
import type {
  ActDetails,
  Delay,
  EntryIntoForceRule,
  Instrument,
  NotificationLanguage,
  ParticipantStatus,
  PersonAction,
  Role,
  SignatureRecord,
  StatementKind,
  StatementStage,
  StatementText,
  TerritorialScope,
  TreatyStatus,
  WithdrawalRecord,
} from '@depositary/domain';

export interface ReminderPolicy {
  status: string;
  afterDays: number;
  everyDays: number;
  maxReminders: number;
}

export interface TreatyNotificationSettings {
  autoIssue: boolean;
}

export interface TreatyView {
  slug: string;
  title: string;
  titles: { fr?: string; ar?: string };
  depositary: string | null;
  openedForSignatureOn: string;
  entryIntoForce: EntryIntoForceRule;
  reminders: ReminderPolicy[];
  withdrawal: Delay;
  reservations: 'permitted' | 'prohibited';
  public: boolean;
  notifications: TreatyNotificationSettings;
  status: TreatyStatus;
  thresholdMetOn: string | null;
  entryIntoForceOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DecisiveDeposit {
  country: string;
  countryName: string;
  instrument: string;
  depositedOn: string;
  ordinal: number;
}

export interface TreatyStatusView {
  status: TreatyStatus;
  counts: Record<ParticipantStatus, number> & { signatories: number };
  threshold: {
    required: number | null;
    current: number;
    met: boolean;
    metOn: string | null;
    share?: number | null;
    missingRequired: string[];
    missingFromGroups: { parties: string[]; count: number; have: number }[];
  };
  entryIntoForceOn: string | null;
  decisive: DecisiveDeposit | null;
  explanation: string;
  /** When the worker last evaluated the rule (null: not yet). */
  evaluatedAt: string | null;
  /** The day and the instant the record was read as of, as asked (null: today, and all that is recorded). */
  asOf: string | null;
  knownAt: string | null;
}

export interface ParticipantView {
  country: { code: string; name: string };
  status: ParticipantStatus;
  version: number;
  invitedOn: string;
  signedOn: string | null;
  signature: SignatureRecord | null;
  depositedOn: string | null;
  instrument: Instrument | null;
  effectiveFrom: string | null;
  predecessor: string | null;
  memberSince: string | null;
  withdrawal: WithdrawalRecord | null;
  withdrawnOn: string | null;
  statementKinds: string[];
  allowedActions: PersonAction[];
}

export interface EventView {
  id: number;
  treaty: string;
  country: string;
  seq: number;
  action: string;
  from: string | null;
  to: string;
  date: string;
  recordedAt: string;
  actor: { id: string; email: string; role: Role } | 'system';
  reference: string | null;
  note: string | null;
  reason: string | null;
  details: ActDetails | null;
  prevHash: string;
  hash: string;
}

export interface StatementView {
  id: number;
  treaty: string;
  country: string;
  kind: StatementKind;
  date: string;
  at: StatementStage;
  text: StatementText;
  objectsTo: number | null;
  territories: string[] | null;
  scope: TerritorialScope | null;
  reference: string | null;
  /** For a reservation: whether it stands confirmed (one made at signature needs confirming at consent). */
  confirmed: boolean | null;
  confirmedOn: string | null;
  withdrawnOn: string | null;
  /** For an objection: the last day it could be made (null until the reservation was notified), and whether it came after. */
  deadline?: string | null;
  late?: boolean;
  /** The objections made to this statement. */
  objections: number[];
  eventId: number;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  country: string | null;
  language: NotificationLanguage;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface FocalPointView {
  id: string;
  country: string;
  name: string;
  email: string;
  language: NotificationLanguage;
  active: boolean;
  createdAt: string;
}

export interface DeliveryView {
  id: number;
  kind: string;
  recipient: string;
  treaty: string | null;
  country: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  reminder: { status: string; number: number } | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

/** A list answer of the API. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
