import { ErrorCode } from '@depositary/domain';
import { z } from 'zod';

/**
 * Names a response view: the OpenAPI document lists it under `components.schemas` by this name, and refers to it
 * by `$ref` wherever a route answers it, so that a client generator makes one type of it.
 */
export const named = <T extends z.ZodType>(id: string, schema: T, description?: string): T =>
  schema.meta(description ? { id, description } : { id });

/** A calendar day, YYYY-MM-DD. */
export const day = z.string().meta({ format: 'date' });
/** An instant, ISO 8601 in UTC. */
export const instant = z.string().meta({ format: 'date-time' });
/** A UUID, as users and focal points are named. */
export const uuid = z.string().meta({ format: 'uuid' });

/** The JSON error shape of every 4xx and 5xx answer: a code, a human message, and details per code. */
export const errorSchema = named(
  'Error',
  z.looseObject({
    error: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    field: z.string().optional(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    retryAfterSeconds: z.number().optional(),
    correlationId: z.string().optional(),
  }),
  'The error shape of the contract: `{error, message, ...details}`.',
);
export type ErrorView = z.infer<typeof errorSchema>;

/** A page of a list: `{items, nextCursor}`; `nextCursor` null on the last page. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A list answered whole, in one page. */
export const wholeListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.null() });
