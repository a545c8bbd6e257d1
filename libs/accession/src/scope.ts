import { Actor, forbidden, isCountryScoped } from '@depositary/domain';

/** A focal point reads its own country only; everyone else is unrestricted. */
export function assertCountryInScope(actor: Actor, countryCode: string): void {
  if (isCountryScoped(actor.role) && actor.countryCode !== countryCode)
    throw forbidden(`a focal point sees its own country (${actor.countryCode}) only`);
}

/** The country a listing is restricted to, or null for all. */
export const countryScope = (actor: Actor): string | null => (isCountryScoped(actor.role) ? actor.countryCode : null);
