import { PipeTransform } from '@nestjs/common';
import { invalid, notFound } from '@depositary/domain';
import { z } from 'zod';
import { ZodPipe } from './zod.pipe';

/** A country in a path: alpha-3, case-insensitive on the way in, upper case inside. */
export class CountryCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z]{3}$/.test(value)) throw invalid(`"${value}" is not an ISO 3166-1 alpha-3 country code`, { field: 'code' });
    return value.toUpperCase();
  }
}

/** A statement's id in a path: a positive whole number. */
export class StatementIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,15}$/.test(value)) throw invalid(`"${value}" is not a statement id`, { field: 'id' });
    return Number(value);
  }
}

/** A treaty slug in a path. */
export class SlugPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) || value.length > 100)
      throw invalid(`"${value}" is not a treaty slug`, { field: 'slug' });
    return value;
  }
}

/** A numeric id in a path. A value that is not one is unknown (404), as a number no record has. */
export class IdPipe implements PipeTransform<string, number> {
  constructor(private readonly what: string) {}

  transform(value: string): number {
    if (!/^[1-9]\d{0,14}$/.test(value)) throw notFound(`${this.what} ${value}`);
    return Number(value);
  }
}

const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key must be 1 to 200 visible ASCII characters');

/** An `Idempotency-Key` header with the request it keys, or nothing when the header is absent. */
export function idempotencyOf(header: string | undefined, request: unknown): { key: string; request: unknown } | undefined {
  return header === undefined ? undefined : { key: new ZodPipe(idempotencyKey).transform(header, { type: 'custom' }), request };
}

/** `If-Match: "<version>"`, the participant's version last read. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw invalid('If-Match must be the participant\'s version in quotes, like "3"', { field: 'If-Match' });
  return Number(match[1]);
}
