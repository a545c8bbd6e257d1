import { hash, verify } from '@node-rs/argon2';
import { Counter, register } from 'prom-client';

export const hashPassword = (password: string): Promise<string> => hash(password);

/** How many passwords were checked: what a sign-in limit must keep low under a burst of guesses. */
const passwordChecks = (): Counter =>
  (register.getSingleMetric('depositary_password_checks_total') as Counter | undefined) ??
  new Counter({ name: 'depositary_password_checks_total', help: 'password hashes verified (sign-ins and password changes)' });

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  passwordChecks().inc();
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
