import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { invalid } from '@depositary/domain';
import { z } from 'zod';

/** Validates a body or query with a zod schema; the message names each offending field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<T> {
    if (containsNul(value)) throw invalid('text must not contain NUL characters (\\u0000)');
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const where = metadata.type === 'query' ? 'query' : 'body';
    const issues = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || where,
      message:
        issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : issue.message,
    }));
    throw invalid(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), { issues });
  }
}

/** PostgreSQL text cannot hold U+0000; refuse it up front rather than fail on the way in. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item));
  return false;
}
