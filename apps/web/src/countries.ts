// The service's reference list of countries (GET /api/countries), read once per page load and shared by every view.
import type { Page } from '@depositary/contracts';
import { api } from './api';

export interface Country {
  code: string;
  /** The service's name (English). */
  name: string;
}

let cached: Promise<Country[]> | null = null;

/** GET /api/countries, once per page load (a failure is not kept). */
export function countries(): Promise<Country[]> {
  cached ??= api<Page<Country>>('/api/countries').then(
    (page) => page.items,
    (error: unknown) => {
      cached = null;
      throw error;
    },
  );
  return cached;
}
