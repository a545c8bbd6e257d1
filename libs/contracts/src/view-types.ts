// Shapes the response schemas of views/ are built around, and the list answer of the API.

export interface ReminderPolicy {
  status: string;
  afterDays: number;
  everyDays: number;
  maxReminders: number;
}

export interface TreatyNotificationSettings {
  autoIssue: boolean;
}

export interface DecisiveDeposit {
  country: string;
  countryName: string;
  instrument: string;
  depositedOn: string;
  ordinal: number;
}

/** A list answer of the API. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
