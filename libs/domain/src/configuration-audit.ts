import { createHash } from 'node:crypto';
import { canonicalJson } from './audit-chain';

export const CONFIGURATION_ACTIONS = [
  'treaty.created',
  'treaty.updated',
  'focal_point.created',
  'focal_point.updated',
  'user.created',
  'user.updated',
] as const;
export type ConfigurationAction = (typeof CONFIGURATION_ACTIONS)[number];

export type ConfigurationValues = Record<string, unknown>;

/** The fields of a configuration event that its hash covers. */
export interface ChainedConfigurationEvent {
  seq: number;
  action: ConfigurationAction;
  treaty: string | null;
  country: string | null;
  /** What changed: a treaty's slug, a focal point's or a user's id. */
  subject: string;
  recordedAt: string;
  actor: { id: string; email: string; role: string } | 'system';
  before: ConfigurationValues | null;
  after: ConfigurationValues;
}

/** hash = sha256(prevHash ‖ canonical JSON of the event): the configuration chain, one for the whole service. */
export function configurationHash(prevHash: string, event: ChainedConfigurationEvent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(event)).digest('hex');
}

/**
 * What a change did, field by field, over whatever fields the view has (a field added to a view is audited
 * without new code): `before` and `after` hold only the fields whose value differs, compared as canonical
 * JSON. `ignored` are the fields that are not configuration (timestamps, computed state).
 */
export function configurationDiff(
  before: ConfigurationValues,
  after: ConfigurationValues,
  ignored: readonly string[] = [],
): { before: ConfigurationValues; after: ConfigurationValues } | null {
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => !ignored.includes(key))
    .filter((key) => canonicalJson(before[key] ?? null) !== canonicalJson(after[key] ?? null))
    .sort();
  if (changed.length === 0) return null;
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, after[key] ?? null])),
  };
}

/** The configuration a view holds: every field but the ignored ones. */
export const configurationOf = (view: ConfigurationValues, ignored: readonly string[] = []): ConfigurationValues =>
  Object.fromEntries(Object.entries(view).filter(([key, value]) => !ignored.includes(key) && value !== undefined));
