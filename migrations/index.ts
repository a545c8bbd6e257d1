import { InitialSchema1764201600000 } from './1764201600000-InitialSchema';
import { LoadCountries1764201600001 } from './1764201600001-LoadCountries';
import { EntryIntoForceNotices1764288000000 } from './1764288000000-EntryIntoForceNotices';
import { Reminders1764374400000 } from './1764374400000-Reminders';
import { JobEpochAndDeliveryHold1765100000000 } from './1765100000000-JobEpochAndDeliveryHold';
import { TreatyLaw1765200000000 } from './1765200000000-TreatyLaw';
import { RetentionIndexes1765300000000 } from './1765300000000-RetentionIndexes';

/** Listed explicitly so the same array works from sources (tests) and from dist (production). */
export const MIGRATIONS = [
  InitialSchema1764201600000,
  LoadCountries1764201600001,
  EntryIntoForceNotices1764288000000,
  Reminders1764374400000,
  JobEpochAndDeliveryHold1765100000000,
  TreatyLaw1765200000000,
  RetentionIndexes1765300000000,
];
