import { signal } from '@preact/signals';
import type { Permission, Role } from '@depositary/domain';

const SESSION_KEY = 'depositary.session';

/** The signed-in user, as the page keeps it in sessionStorage (the token never goes to localStorage). */
export interface Session {
  token: string;
  email: string;
  role: Role;
  userId: string;
  expiresAt: number;
  /** What the service says this user may do (GET /api/users/me): the page asks these, not role names. */
  permissions: Permission[];
  country: string | null;
}

function readSession(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    if (stored && stored.token && stored.expiresAt > Date.now() && Array.isArray(stored.permissions)) return stored;
  } catch {
    // a damaged entry is the same as none
  }
  return null;
}

export const session = signal<Session | null>(readSession());

export function startSession(next: Session): void {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
  session.value = next;
}

/** Forgets the session; `message` is shown on the sign-in form. */
export const endedBecause = signal<string | null>(null);
export function endSession(message: string | null = null): void {
  sessionStorage.removeItem(SESSION_KEY);
  endedBecause.value = message;
  session.value = null;
}

/** Whether the signed-in user holds `permission`. */
export const may = (permission: Permission): boolean => session.value?.permissions.includes(permission) ?? false;
