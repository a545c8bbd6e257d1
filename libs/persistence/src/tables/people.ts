import type { Language, Role } from '@depositary/domain';
import { table } from './table';

/** A person who signs in: an officer, an auditor, an admin or a state's focal point (with its country). */
export interface UsersRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  country_code: string | null;
  active: boolean;
  language: Language;
  tokens_not_before: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const USERS = table<UsersRow>()('users', {
  id: 'uuid',
  email: 'text',
  name: 'text',
  password_hash: 'text',
  role: 'text',
  country_code: 'bpchar?',
  active: 'bool',
  language: 'text',
  tokens_not_before: 'timestamptz?',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
});

/** A state's focal point for e-mail: who receives its reminders and notifications, in which language. */
export interface FocalPointsRow {
  id: string;
  country_code: string;
  name: string;
  email: string;
  language: Language;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export const FOCAL_POINTS = table<FocalPointsRow>()('focal_points', {
  id: 'uuid',
  country_code: 'bpchar',
  name: 'text',
  email: 'text',
  language: 'text',
  active: 'bool',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
});

/** The countries a treaty may name, by ISO 3166-1 alpha-3 code. */
export interface CountriesRow {
  code: string;
  name: string;
}

export const COUNTRIES = table<CountriesRow>()('countries', { code: 'bpchar', name: 'text' });

/** A signed-out token, refused until it would have expired anyway. */
export interface RevokedTokensRow {
  jti: string;
  user_id: string;
  expires_at: Date;
}

export const REVOKED_TOKENS = table<RevokedTokensRow>()('revoked_tokens', { jti: 'uuid', user_id: 'uuid', expires_at: 'timestamptz' });

/** Sign-in attempts counted per key (an account at an address, an address) before any password is checked. */
export interface SignInAttemptsRow {
  key: string;
  attempts: number;
  window_ends_at: Date;
  not_before: Date | null;
}

export const SIGN_IN_ATTEMPTS = table<SignInAttemptsRow>()('sign_in_attempts', {
  key: 'text',
  attempts: 'int4',
  window_ends_at: 'timestamptz',
  not_before: 'timestamptz?',
});
