import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { invalid } from '@depositary/domain';
import { z } from 'zod';

/** Validates a body or query with a zod schema; the message names each offending field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<T> {
    checkShape(value);
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

/** How deep a body or query may nest: every schema of the API fits in a few levels. */
export const MAX_DEPTH = 32;

/**
 * Refuses, before any schema sees the value, what no schema should have to walk: nesting deeper than
 * MAX_DEPTH (a recursive walk of 100,000 nested arrays overflows the stack) and U+0000, which PostgreSQL
 * text cannot hold. The walk is iterative, so its own depth is bounded by nothing but the heap.
 */
function checkShape(value: unknown): void {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) throw invalid('text must not contain NUL characters (\\u0000)');
    } else if (item !== null && typeof item === 'object') {
      if (depth >= MAX_DEPTH) throw invalid(`the input nests deeper than ${MAX_DEPTH} levels`);
      for (const [key, child] of Object.entries(item)) {
        if (key.includes('\u0000')) throw invalid('text must not contain NUL characters (\\u0000)');
        pending.push([child, depth + 1]);
      }
    }
  }
}
