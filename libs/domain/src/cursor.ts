import { invalid } from './errors';

/** An opaque cursor over ascending numeric ids: clients pass back what they were given. */
export const encodeCursor = (id: number): string => Buffer.from(`e${id}`).toString('base64url');

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!/^e\d{1,15}$/.test(text)) throw invalid('cursor is not one this API gave out', { field: 'cursor' });
  return Number(text.slice(1));
}
