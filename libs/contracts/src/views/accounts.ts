import { LANGUAGES, PERMISSIONS, ROLES } from '@depositary/domain';
import { z } from 'zod';
import { instant, named, uuid, wholeListOf } from './common';

/** `POST /api/auth/token`. */
export const tokenViewSchema = named(
  'Token',
  z.object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int().describe('seconds') }),
);

export const userViewSchema = named(
  'User',
  z.object({
    id: uuid,
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    country: z.string().nullable(),
    language: z.enum(LANGUAGES),
    active: z.boolean(),
    createdAt: instant,
    updatedAt: instant,
  }),
);
export type UserView = z.infer<typeof userViewSchema>;
export const userListSchema = wholeListOf(userViewSchema);

/** `GET` and `PATCH /api/users/me`: the signed-in user, with what its role may do. */
export const accountViewSchema = named(
  'Account',
  userViewSchema.extend({ permissions: z.array(z.enum(PERMISSIONS)).describe("the permissions of the user's role") }),
);
export type AccountView = z.infer<typeof accountViewSchema>;

export const countryListSchema = named('CountryList', wholeListOf(z.object({ code: z.string(), name: z.string() })));

export const focalPointViewSchema = named(
  'FocalPoint',
  z.object({
    id: uuid,
    country: z.string(),
    name: z.string(),
    email: z.string(),
    language: z.enum(LANGUAGES),
    active: z.boolean(),
    createdAt: instant,
  }),
);
export type FocalPointView = z.infer<typeof focalPointViewSchema>;
export const focalPointListSchema = wholeListOf(focalPointViewSchema);
