import { isoDate, isoInstant } from '@depositary/domain';
import { z } from 'zod';

/** `?asOf=YYYY-MM-DD&knownAt=<instant>`: the record in law at the end of a day, as known at an instant. */
export const asOfQuery = z.strictObject({
  asOf: isoDate.optional(),
  knownAt: isoInstant.optional(),
});

/** The same with `?format=json|csv`, for the chart. */
export const chartQuery = asOfQuery.extend({ format: z.enum(['json', 'csv'], 'must be json or csv').optional() });
