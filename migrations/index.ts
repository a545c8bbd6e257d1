import { InitialSchema1764201600000 } from './1764201600000-InitialSchema';
import { LoadCountries1764201600001 } from './1764201600001-LoadCountries';
import { EntryIntoForceNotices1764288000000 } from './1764288000000-EntryIntoForceNotices';
import { Reminders1764374400000 } from './1764374400000-Reminders';
import { SignInAttempts1765000000000 } from './1765000000000-SignInAttempts';
import { ConfigurationEvents1765000000001 } from './1765000000001-ConfigurationEvents';
import { Accounts1765000000002 } from './1765000000002-Accounts';
import { AuditCheckpoints1765000000003 } from './1765000000003-AuditCheckpoints';
import { JobEpochAndDeliveryHold1765100000000 } from './1765100000000-JobEpochAndDeliveryHold';
import { TreatyLaw1765200000000 } from './1765200000000-TreatyLaw';
import { TreatyTitles1765200000001 } from './1765200000001-TreatyTitles';
import { PublicTreaties1765200000002 } from './1765200000002-PublicTreaties';
import { Statements1765200000003 } from './1765200000003-Statements';
import { RetentionIndexes1765300000000 } from './1765300000000-RetentionIndexes';
import { DepositaryNotifications1765400000000 } from './1765400000000-DepositaryNotifications';

/** Listed explicitly so the same array works from sources (tests) and from dist (production). */
export const MIGRATIONS = [
  InitialSchema1764201600000,
  LoadCountries1764201600001,
  EntryIntoForceNotices1764288000000,
  Reminders1764374400000,
  SignInAttempts1765000000000,
  ConfigurationEvents1765000000001,
  Accounts1765000000002,
  AuditCheckpoints1765000000003,
  JobEpochAndDeliveryHold1765100000000,
  TreatyLaw1765200000000,
  TreatyTitles1765200000001,
  PublicTreaties1765200000002,
  Statements1765200000003,
  RetentionIndexes1765300000000,
  DepositaryNotifications1765400000000,
];
