import { signal } from '@preact/signals';

/** The views of the page, addressed by the hash (`#/treaties/iofs-statute/SEN`), so that every view has a link. */
export type Route =
  | { name: 'treaties' }
  | { name: 'new-treaty' }
  | { name: 'treaty'; slug: string; code?: string }
  | { name: 'edit-treaty'; slug: string }
  | { name: 'invite'; slug: string }
  | { name: 'bulk-acts'; slug: string }
  | { name: 'import' }
  | { name: 'audit'; params: URLSearchParams }
  | { name: 'deliveries' }
  | { name: 'users' }
  | { name: 'focal-points'; params: URLSearchParams }
  | { name: 'notifications'; params: URLSearchParams }
  | { name: 'missing' };

export function parseRoute(hash: string = location.hash): Route {
  const [path, query = ''] = (hash.replace(/^#/, '') || '/').split('?');
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part));
  const params = new URLSearchParams(query);
  if (parts.length === 0) return { name: 'treaties' };
  const [first, second, third] = parts;
  if (first === 'treaties') {
    if (parts.length === 2 && second === 'new') return { name: 'new-treaty' };
    if (parts.length === 2) return { name: 'treaty', slug: second };
    if (parts.length === 3 && third === 'edit') return { name: 'edit-treaty', slug: second };
    if (parts.length === 3 && third === 'invite') return { name: 'invite', slug: second };
    if (parts.length === 3 && third === 'acts') return { name: 'bulk-acts', slug: second };
    if (parts.length === 3) return { name: 'treaty', slug: second, code: third.toUpperCase() };
  }
  if (parts.length === 1) {
    if (first === 'import') return { name: 'import' };
    if (first === 'audit') return { name: 'audit', params };
    if (first === 'deliveries') return { name: 'deliveries' };
    if (first === 'users') return { name: 'users' };
    if (first === 'focal-points') return { name: 'focal-points', params };
    if (first === 'notifications') return { name: 'notifications', params };
  }
  return { name: 'missing' };
}

export const route = signal<Route>(parseRoute());
addEventListener('hashchange', () => (route.value = parseRoute()));

export const href = {
  treaties: (): string => '#/',
  treaty: (slug: string): string => `#/treaties/${encodeURIComponent(slug)}`,
  country: (slug: string, code: string): string => `#/treaties/${encodeURIComponent(slug)}/${encodeURIComponent(code)}`,
  editTreaty: (slug: string): string => `#/treaties/${encodeURIComponent(slug)}/edit`,
  newTreaty: (): string => '#/treaties/new',
  invite: (slug: string): string => `#/treaties/${encodeURIComponent(slug)}/invite`,
  bulkActs: (slug: string): string => `#/treaties/${encodeURIComponent(slug)}/acts`,
};

/** Goes to `hash` (the router follows the hashchange). */
export function navigate(hash: string): void {
  if (location.hash !== hash) location.hash = hash;
  else route.value = parseRoute(hash);
}
