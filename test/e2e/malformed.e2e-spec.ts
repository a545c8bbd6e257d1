import type { Role } from '@depositary/domain';
import { Client } from 'pg';
import { IOFS_RULE, TestApp, bearer, createTreaty, startTestApp } from '../support/app';

// Every malformed request is refused with a 4xx in the contract's error shape, and writes nothing at all.

const SLUG = 'malformed';
const ACTIONS = (code: string): string => `/api/treaties/${SLUG}/participants/${code}/actions`;
const TABLES = ['events', 'participants', 'treaties', 'users', 'focal_points', 'outbox', 'idempotency_keys'] as const;

const TOMORROW = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
// KAZ signed on this day in beforeAll; SEN and SAU stay invited (2013-12-10); FRA is invited on 2016-01-01.
// Bodies of other media types go to SAU, so that one wrongly accepted does not change what the other cases meet.
const KAZ_SIGNED_ON = '2015-01-10';

const treaty = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  slug: 'a-new-treaty',
  title: 'A new treaty',
  openedForSignatureOn: '2020-01-01',
  entryIntoForce: IOFS_RULE,
  ...extra,
});
const rule = (extra: Record<string, unknown>): Record<string, unknown> => treaty({ entryIntoForce: { ...IOFS_RULE, ...extra } });
const user = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  email: 'new.user@example.org',
  name: 'New User',
  password: 'long enough password',
  role: 'officer',
  ...extra,
});
const focalPoint = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'Aigerim Bekova',
  email: 'aigerim@example.kz',
  language: 'en',
  ...extra,
});
const sign = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ action: 'sign', date: '2015-02-01', ...extra });

interface MalformedCase {
  name: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  /** Who sends it; officer unless said otherwise. */
  as?: Role;
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent as it is, with `contentType`. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** The status the contract asks for; a list where it leaves the choice to the server. */
  status: number | number[];
  error?: string;
}

const cases: MalformedCase[] = [
  // Action bodies: a client cannot set what the service owns.
  { name: 'action with status', method: 'post', path: ACTIONS('SEN'), body: sign({ status: 'member' }), status: 400 },
  { name: 'action with version', method: 'post', path: ACTIONS('SEN'), body: sign({ version: 9 }), status: 400 },
  { name: 'action with actor', method: 'post', path: ACTIONS('SEN'), body: sign({ actor: 'system' }), status: 400 },
  { name: 'action with from/to', method: 'post', path: ACTIONS('SEN'), body: sign({ to: 'member' }), status: 400 },
  // Wrong types and missing fields.
  { name: 'action is a number', method: 'post', path: ACTIONS('SEN'), body: { action: 1, date: '2015-02-01' }, status: 400 },
  { name: 'date is a number', method: 'post', path: ACTIONS('SEN'), body: { action: 'sign', date: 20150201 }, status: 400 },
  { name: 'date is null', method: 'post', path: ACTIONS('SEN'), body: { action: 'sign', date: null }, status: 400 },
  { name: 'note is a number', method: 'post', path: ACTIONS('SEN'), body: sign({ note: 42 }), status: 400 },
  { name: 'reference is an object', method: 'post', path: ACTIONS('SEN'), body: sign({ reference: { no: 1 } }), status: 400 },
  { name: 'action missing', method: 'post', path: ACTIONS('SEN'), body: { date: '2015-02-01' }, status: 400 },
  { name: 'date missing', method: 'post', path: ACTIONS('SEN'), body: { action: 'sign' }, status: 400 },
  // Not a JSON object at all.
  {
    name: 'invalid JSON',
    method: 'post',
    path: ACTIONS('SEN'),
    raw: '{"action": "sign", "date": ',
    contentType: 'application/json',
    status: 400,
  },
  { name: 'empty JSON body', method: 'post', path: ACTIONS('SEN'), raw: '', contentType: 'application/json', status: 400 },
  { name: 'no body', method: 'post', path: ACTIONS('SEN'), status: 400 },
  { name: 'JSON null', method: 'post', path: ACTIONS('SEN'), raw: 'null', contentType: 'application/json', status: 400 },
  { name: 'JSON string', method: 'post', path: ACTIONS('SEN'), raw: '"sign"', contentType: 'application/json', status: 400 },
  { name: 'array instead of object', method: 'post', path: ACTIONS('SEN'), body: [sign()], status: 400 },
  {
    name: 'XML body',
    method: 'post',
    path: ACTIONS('SAU'),
    raw: '<act><action>sign</action></act>',
    contentType: 'application/xml',
    status: 415,
    error: 'unsupported_media_type',
  },
  {
    name: 'JSON sent as text/plain',
    method: 'post',
    path: ACTIONS('SAU'),
    raw: JSON.stringify(sign()),
    contentType: 'text/plain',
    status: [400, 415],
  },
  {
    name: 'form-encoded body',
    method: 'post',
    path: ACTIONS('SAU'),
    raw: 'action=sign&date=2015-02-01',
    contentType: 'application/x-www-form-urlencoded',
    status: [400, 415],
  },
  // Dates.
  { name: '2019-02-29 is no day', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '2019-02-29' }), status: 400 },
  { name: '2018-13-01 is no day', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '2018-13-01' }), status: 400 },
  { name: 'date with a time', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '2015-02-01T00:00:00Z' }), status: 400 },
  { name: 'date without leading zeros', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '2015-2-1' }), status: 400 },
  { name: 'date of year 0000', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '0000-01-01' }), status: 400 },
  { name: 'date as DD/MM/YYYY', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '01/02/2015' }), status: 400 },
  { name: 'future date', method: 'post', path: ACTIONS('SEN'), body: sign({ date: TOMORROW }), status: 400, error: 'invalid_date' },
  {
    name: 'date before openedForSignatureOn',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign({ date: '2013-12-09' }),
    status: 400,
    error: 'invalid_date',
  },
  {
    name: 'date before the invitation',
    method: 'post',
    path: ACTIONS('FRA'),
    body: sign({ date: '2015-12-31' }),
    status: 400,
    error: 'invalid_date',
  },
  {
    name: 'date before the previous act',
    method: 'post',
    path: ACTIONS('KAZ'),
    body: { action: 'ratify', date: '2015-01-09' },
    status: 400,
    error: 'invalid_date',
  },
  // Actions.
  { name: 'unknown action', method: 'post', path: ACTIONS('SEN'), body: sign({ action: 'ratifyy' }), status: 400 },
  { name: 'action in capitals', method: 'post', path: ACTIONS('SEN'), body: sign({ action: 'SIGN' }), status: 400 },
  { name: 'admit is the service’s own', method: 'post', path: ACTIONS('SEN'), body: sign({ action: 'admit' }), status: 400 },
  { name: 'invite is not an action', method: 'post', path: ACTIONS('SEN'), body: sign({ action: 'invite' }), status: 400 },
  { name: 'correct without reason', method: 'post', path: ACTIONS('KAZ'), body: { action: 'correct' }, status: 400 },
  { name: 'correct with empty reason', method: 'post', path: ACTIONS('KAZ'), body: { action: 'correct', reason: '  ' }, status: 400 },
  {
    name: 'correct dated another day than today',
    method: 'post',
    path: ACTIONS('KAZ'),
    body: { action: 'correct', reason: 'entered in error', date: KAZ_SIGNED_ON },
    status: 400,
    error: 'invalid_date',
  },
  { name: 'a 20 KB note', method: 'post', path: ACTIONS('SEN'), body: sign({ note: 'n'.repeat(20_000) }), status: 400 },
  { name: 'a 501-character reference', method: 'post', path: ACTIONS('SEN'), body: sign({ reference: 'r'.repeat(501) }), status: 400 },
  { name: 'an empty note', method: 'post', path: ACTIONS('SEN'), body: sign({ note: '' }), status: 400 },
  { name: 'a note with a NUL character', method: 'post', path: ACTIONS('SEN'), body: sign({ note: 'received\u0000' }), status: 400 },
  {
    name: 'a reference with a NUL character',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign({ reference: 'C.N.\u0000.2015' }),
    status: 400,
  },
  {
    name: 'a JSON __proto__ key',
    method: 'post',
    path: ACTIONS('SEN'),
    raw: '{"action": "sign", "date": "2015-02-01", "__proto__": {"status": "member"}}',
    contentType: 'application/json',
    status: 400,
  },
  {
    name: 'a body over 1 MB',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign({ note: 'x'.repeat(1_100_000) }),
    status: 413,
    error: 'payload_too_large',
  },
  // Headers.
  { name: 'If-Match "abc"', method: 'post', path: ACTIONS('SEN'), body: sign(), headers: { 'If-Match': 'abc' }, status: 400 },
  { name: 'If-Match "-1"', method: 'post', path: ACTIONS('SEN'), body: sign(), headers: { 'If-Match': '"-1"' }, status: 400 },
  {
    name: 'Idempotency-Key of 201 characters',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign(),
    headers: { 'Idempotency-Key': 'k'.repeat(201) },
    status: 400,
  },
  {
    name: 'Idempotency-Key with a non-ASCII letter',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign(),
    headers: { 'Idempotency-Key': 'clé-1' },
    status: 400,
  },
  {
    name: 'bad date with an Idempotency-Key',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign({ date: TOMORROW }),
    headers: { 'Idempotency-Key': 'malformed-future-date' },
    status: 400,
    error: 'invalid_date',
  },
  // Countries and treaties in paths.
  { name: 'country path of 2 letters', method: 'post', path: ACTIONS('KZ'), body: sign(), status: 400 },
  { name: 'country path with digits', method: 'post', path: ACTIONS('K4Z'), body: sign(), status: 400 },
  { name: 'unknown country XXX in path', method: 'post', path: ACTIONS('XXX'), body: sign(), status: 404, error: 'not_found' },
  { name: 'country not invited to the treaty', method: 'post', path: ACTIONS('BRA'), body: sign(), status: 404, error: 'not_found' },
  {
    name: 'unknown treaty',
    method: 'post',
    path: '/api/treaties/no-such-treaty/participants/KAZ/actions',
    body: sign(),
    status: 404,
    error: 'not_found',
  },
  { name: 'treaty slug with capitals', method: 'post', path: '/api/treaties/Bad_Slug/participants/KAZ/actions', body: sign(), status: 400 },
  { name: 'GET unknown treaty', method: 'get', path: '/api/treaties/no-such-treaty', status: 404, error: 'not_found' },
  { name: 'GET unknown participant', method: 'get', path: `/api/treaties/${SLUG}/participants/XXX`, status: 404, error: 'not_found' },
  // Invitations.
  {
    name: 'invite lower-case country',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['bra'], invitedOn: '2014-01-01' },
    status: 400,
  },
  {
    name: 'invite 2-letter country',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BR'], invitedOn: '2014-01-01' },
    status: 400,
  },
  {
    name: 'invite unknown country XXX',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA', 'XXX'], invitedOn: '2014-01-01' },
    status: [400, 404],
  },
  {
    name: 'invite countries as a string',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: 'BRA', invitedOn: '2014-01-01' },
    status: 400,
  },
  {
    name: 'invite no countries',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: [], invitedOn: '2014-01-01' },
    status: 400,
  },
  {
    name: 'invite on 2019-02-29',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'], invitedOn: '2019-02-29' },
    status: 400,
  },
  {
    name: 'invite on 0000-01-01',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'], invitedOn: '0000-01-01' },
    status: 400,
  },
  {
    name: 'invite without invitedOn',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'] },
    status: 400,
  },
  {
    name: 'invite in the future',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'], invitedOn: TOMORROW },
    status: 400,
  },
  {
    name: 'invite with status',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'], invitedOn: '2014-01-01', status: 'member' },
    status: 400,
  },
  {
    name: 'invite to an unknown treaty',
    method: 'post',
    path: '/api/treaties/no-such-treaty/participants',
    body: { countries: ['BRA'], invitedOn: '2014-01-01' },
    status: 404,
    error: 'not_found',
  },
  // Treaties.
  { name: 'treaty with status', method: 'post', path: '/api/treaties', body: treaty({ status: 'in_force' }), status: 400 },
  { name: 'treaty with an unknown field', method: 'post', path: '/api/treaties', body: treaty({ parties: 55 }), status: 400 },
  { name: 'treaty slug with a space', method: 'post', path: '/api/treaties', body: treaty({ slug: 'a new treaty' }), status: 400 },
  { name: 'treaty slug in capitals', method: 'post', path: '/api/treaties', body: treaty({ slug: 'New-Treaty' }), status: 400 },
  { name: 'treaty slug with a double hyphen', method: 'post', path: '/api/treaties', body: treaty({ slug: 'new--treaty' }), status: 400 },
  { name: 'treaty slug of 101 characters', method: 'post', path: '/api/treaties', body: treaty({ slug: 'a'.repeat(101) }), status: 400 },
  { name: 'treaty without title', method: 'post', path: '/api/treaties', body: treaty({ title: undefined }), status: 400 },
  { name: 'treaty title is a number', method: 'post', path: '/api/treaties', body: treaty({ title: 7 }), status: 400 },
  {
    name: 'treaty opened on 2019-02-29',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ openedForSignatureOn: '2019-02-29' }),
    status: 400,
  },
  {
    name: 'treaty title with a NUL character',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ title: 'Statute\u0000' }),
    status: 400,
  },
  {
    name: 'treaty opened on 0000-01-01',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ openedForSignatureOn: '0000-01-01' }),
    status: 400,
  },
  { name: 'treaty without a rule', method: 'post', path: '/api/treaties', body: treaty({ entryIntoForce: undefined }), status: 400 },
  { name: 'rule with no condition', method: 'post', path: '/api/treaties', body: treaty({ entryIntoForce: {} }), status: 400 },
  { name: 'rule with negative minimumParties', method: 'post', path: '/api/treaties', body: rule({ minimumParties: -1 }), status: 400 },
  { name: 'rule with minimumParties "10"', method: 'post', path: '/api/treaties', body: rule({ minimumParties: '10' }), status: 400 },
  { name: 'rule with minimumParties 2.5', method: 'post', path: '/api/treaties', body: rule({ minimumParties: 2.5 }), status: 400 },
  {
    name: 'rule counting signatures',
    method: 'post',
    path: '/api/treaties',
    body: rule({ countedInstruments: ['ratification', 'signature'] }),
    status: 400,
  },
  {
    name: 'rule with days and months',
    method: 'post',
    path: '/api/treaties',
    body: rule({ entersIntoForce: { days: 30, months: 1 } }),
    status: 400,
  },
  {
    name: 'rule with an unknown "then"',
    method: 'post',
    path: '/api/treaties',
    body: rule({ entersIntoForce: { days: 30, then: 'next_monday' } }),
    status: 400,
  },
  {
    name: 'rule requiring unknown XXX',
    method: 'post',
    path: '/api/treaties',
    body: rule({ requiredParties: ['XXX'] }),
    status: [400, 404],
  },
  {
    name: 'rule with minimumParties 1e400',
    method: 'post',
    path: '/api/treaties',
    raw: JSON.stringify(treaty()).replace('"minimumParties":10', '"minimumParties":1e400'),
    contentType: 'application/json',
    status: 400,
  },
  {
    name: 'rule weighing a lower-case country',
    method: 'post',
    path: '/api/treaties',
    body: rule({ weights: { values: { usa: 17.89 }, minimumShare: 55 } }),
    status: 400,
  },
  {
    name: 'rule with a share over 100',
    method: 'post',
    path: '/api/treaties',
    body: rule({ weights: { values: { USA: 17.89 }, minimumShare: 101 } }),
    status: 400,
  },
  { name: 'rule not before 2019-02-29', method: 'post', path: '/api/treaties', body: rule({ notBefore: '2019-02-29' }), status: 400 },
  { name: 'rule with an unknown field', method: 'post', path: '/api/treaties', body: rule({ quorum: 3 }), status: 400 },
  {
    name: 'reminder for an unknown status',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ reminders: [{ status: 'pending', afterDays: 90, everyDays: 90, maxReminders: 4 }] }),
    status: 400,
  },
  {
    name: 'reminder with negative afterDays',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ reminders: [{ status: 'invited', afterDays: -1, everyDays: 90, maxReminders: 4 }] }),
    status: 400,
  },
  {
    name: 'reminders as an object',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ reminders: { status: 'invited', afterDays: 90, everyDays: 90, maxReminders: 4 } }),
    status: 400,
  },
  { name: 'PATCH treaty with status', method: 'patch', path: `/api/treaties/${SLUG}`, body: { status: 'in_force' }, status: 400 },
  { name: 'PATCH treaty with slug', method: 'patch', path: `/api/treaties/${SLUG}`, body: { slug: 'renamed' }, status: 400 },
  {
    name: 'PATCH treaty with a bad rule',
    method: 'patch',
    path: `/api/treaties/${SLUG}`,
    body: { entryIntoForce: { minimumParties: 0 } },
    status: 400,
  },
  { name: 'PATCH treaty with nothing', method: 'patch', path: `/api/treaties/${SLUG}`, body: {}, status: 400 },
  {
    name: 'PATCH unknown treaty',
    method: 'patch',
    path: '/api/treaties/no-such-treaty',
    body: { title: 'Renamed' },
    status: 404,
    error: 'not_found',
  },
  // Users.
  { name: 'user with an unknown field', method: 'post', path: '/api/users', as: 'admin', body: user({ superuser: true }), status: 400 },
  { name: 'user with a bad e-mail', method: 'post', path: '/api/users', as: 'admin', body: user({ email: 'not-an-email' }), status: 400 },
  {
    name: 'user e-mail with header injection',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ email: 'a@b.c\r\nBcc: x@y.z' }),
    status: 400,
  },
  { name: 'user with a bad role', method: 'post', path: '/api/users', as: 'admin', body: user({ role: 'superuser' }), status: 400 },
  {
    name: 'focal_point user without country',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'focal_point' }),
    status: 400,
  },
  {
    name: 'focal_point user with lower-case country',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'focal_point', country: 'kaz' }),
    status: 400,
  },
  {
    name: 'focal_point user of unknown XXX',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'focal_point', country: 'XXX' }),
    status: [400, 404],
  },
  { name: 'officer with a country', method: 'post', path: '/api/users', as: 'admin', body: user({ country: 'KAZ' }), status: 400 },
  { name: 'password too short', method: 'post', path: '/api/users', as: 'admin', body: user({ password: 'short' }), status: 400 },
  { name: 'password is a number', method: 'post', path: '/api/users', as: 'admin', body: user({ password: 12345678 }), status: 400 },
  {
    name: 'user name with a NUL character',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ name: 'New\u0000User' }),
    status: 400,
  },
  { name: 'user without name', method: 'post', path: '/api/users', as: 'admin', body: user({ name: undefined }), status: 400 },
  { name: 'PATCH user with a non-uuid id', method: 'patch', path: '/api/users/42', as: 'admin', body: { active: false }, status: 400 },
  {
    name: 'PATCH user with active "no"',
    method: 'patch',
    path: '/api/users/00000000-0000-4000-8000-000000000000',
    as: 'admin',
    body: { active: 'no' },
    status: 400,
  },
  {
    name: 'PATCH officer to focal_point without country',
    method: 'patch',
    path: '/api/users/{officer}',
    as: 'admin',
    body: { role: 'focal_point' },
    status: 400,
  },
  {
    name: 'PATCH user with a lower-case country',
    method: 'patch',
    path: '/api/users/{focal_point}',
    as: 'admin',
    body: { country: 'sen' },
    status: 400,
  },
  {
    name: 'PATCH unknown user',
    method: 'patch',
    path: '/api/users/00000000-0000-4000-8000-000000000000',
    as: 'admin',
    body: { active: false },
    status: 404,
    error: 'not_found',
  },
  // Focal points.
  {
    name: 'focal point with a bad e-mail',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ email: 'aigerim.example.kz' }),
    status: 400,
  },
  {
    name: 'focal point e-mail with header injection',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ email: 'a@b.c\r\nBcc: x@y.z' }),
    status: 400,
  },
  {
    name: 'focal point name with a line break',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ name: 'Aigerim\r\nBcc: x@y.z' }),
    status: 400,
  },
  {
    name: 'focal point name with a NUL character',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ name: 'Aigerim\u0000' }),
    status: 400,
  },
  {
    name: 'focal point in German',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ language: 'de' }),
    status: 400,
  },
  {
    name: 'focal point in "English"',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ language: 'English' }),
    status: 400,
  },
  {
    name: 'focal point with an unknown field',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ active: false }),
    status: 400,
  },
  {
    name: 'focal point without e-mail',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ email: undefined }),
    status: 400,
  },
  {
    name: 'focal point of unknown XXX',
    method: 'post',
    path: '/api/countries/XXX/focal-points',
    body: focalPoint(),
    status: 404,
    error: 'not_found',
  },
  {
    name: 'focal point of a lower-case 2-letter country',
    method: 'post',
    path: '/api/countries/kz/focal-points',
    body: focalPoint(),
    status: 400,
  },
  // Queries.
  { name: 'audit limit=0', method: 'get', path: '/api/audit/events?limit=0', as: 'auditor', status: 400 },
  { name: 'audit limit=abc', method: 'get', path: '/api/audit/events?limit=abc', as: 'auditor', status: 400 },
  { name: 'audit limit=1.5', method: 'get', path: '/api/audit/events?limit=1.5', as: 'auditor', status: 400 },
  { name: 'audit limit given twice', method: 'get', path: '/api/audit/events?limit=1&limit=2', as: 'auditor', status: 400 },
  { name: 'audit from=not-a-date', method: 'get', path: '/api/audit/events?from=not-a-date', as: 'auditor', status: 400 },
  { name: 'audit to=2019-02-29', method: 'get', path: '/api/audit/events?to=2019-02-29', as: 'auditor', status: 400 },
  { name: 'audit to=25 o’clock', method: 'get', path: '/api/audit/events?to=2019-01-01T25:00:00Z', as: 'auditor', status: 400 },
  {
    name: 'audit treaty of 101 characters',
    method: 'get',
    path: `/api/audit/events?treaty=${'a'.repeat(101)}`,
    as: 'auditor',
    status: 400,
  },
  { name: 'audit actor with a NUL character', method: 'get', path: '/api/audit/events?actor=a%00b', as: 'auditor', status: 400 },
  { name: 'audit treaty with a NUL character', method: 'get', path: '/api/audit/events?treaty=a%00b', as: 'auditor', status: 400 },
  { name: 'audit from=0000-01-01', method: 'get', path: '/api/audit/events?from=0000-01-01', as: 'auditor', status: 400 },
  { name: 'audit to=0000-01-01', method: 'get', path: '/api/audit/events?to=0000-01-01', as: 'auditor', status: 400 },
  {
    name: 'audit from with a +20:00 offset',
    method: 'get',
    path: `/api/audit/events?from=${encodeURIComponent('2019-01-01T00:00:00+20:00')}`,
    as: 'auditor',
    status: 400,
  },
  { name: 'audit actor of 36 hyphens', method: 'get', path: `/api/audit/events?actor=${'-'.repeat(36)}`, as: 'auditor', status: 400 },
  { name: 'audit cursor=garbage', method: 'get', path: '/api/audit/events?cursor=garbage', as: 'auditor', status: 400 },
  { name: 'audit country=KZ', method: 'get', path: '/api/audit/events?country=KZ', as: 'auditor', status: 400 },
  { name: 'audit format=xml', method: 'get', path: '/api/audit/events?format=xml', as: 'auditor', status: 400 },
  { name: 'audit unknown parameter', method: 'get', path: '/api/audit/events?sort=desc', as: 'auditor', status: 400 },
  { name: 'chart format=xml', method: 'get', path: `/api/treaties/${SLUG}/participants?format=xml`, status: 400 },
  // Nothing is deleted or replaced.
  { name: 'DELETE a treaty', method: 'delete', path: `/api/treaties/${SLUG}`, status: [404, 405] },
  { name: 'DELETE a participant', method: 'delete', path: `/api/treaties/${SLUG}/participants/KAZ`, status: [404, 405] },
  {
    name: 'PUT a participant',
    method: 'put',
    path: `/api/treaties/${SLUG}/participants/KAZ`,
    body: { status: 'member' },
    status: [404, 405],
  },
  // Sign-in.
  { name: 'token without password', method: 'post', path: '/api/auth/token', body: { email: 'someone@example.org' }, status: 400 },
  {
    name: 'token for an e-mail with a NUL character',
    method: 'post',
    path: '/api/auth/token',
    body: { email: 'officer\u0000@example.org', password: 'whatever it is' },
    status: 400,
  },
  { name: 'token as an array', method: 'post', path: '/api/auth/token', body: [{ email: 'a@b.c', password: 'x' }], status: 400 },
  {
    name: 'token with 100,000 nested arrays',
    method: 'post',
    path: '/api/auth/token',
    raw: `{"email":${'['.repeat(100_000)}${']'.repeat(100_000)},"password":"x"}`,
    status: 400,
  },
  {
    name: 'treaty rule nested 40 levels deep',
    method: 'post',
    path: '/api/treaties',
    raw: JSON.stringify(rule({ notBefore: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) })),
    status: 400,
  },
];

interface TransitionCase {
  name: string;
  code: string;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  status: string;
  action: string;
  allowed: string[];
}

const FROM_INVITED = ['accede', 'accept', 'approve', 'sign', 'succeed'];
const FROM_SIGNED = ['accept', 'approve', 'correct', 'ratify'];

const transitions: TransitionCase[] = [
  {
    name: 'ratify while invited',
    code: 'SEN',
    body: { action: 'ratify', date: '2015-02-01' },
    status: 'invited',
    action: 'ratify',
    allowed: FROM_INVITED,
  },
  {
    name: 'withdraw while invited',
    code: 'SEN',
    body: { action: 'withdraw', date: '2015-02-01' },
    status: 'invited',
    action: 'withdraw',
    allowed: FROM_INVITED,
  },
  {
    name: 'correct while invited',
    code: 'SEN',
    body: { action: 'correct', reason: 'nothing to correct' },
    status: 'invited',
    action: 'correct',
    allowed: FROM_INVITED,
  },
  {
    name: 'sign twice',
    code: 'KAZ',
    body: { action: 'sign', date: '2015-02-01' },
    status: 'signed',
    action: 'sign',
    allowed: FROM_SIGNED,
  },
  {
    name: 'withdraw a signature (a signatory cannot)',
    code: 'KAZ',
    body: { action: 'withdraw', date: '2015-02-01' },
    status: 'signed',
    action: 'withdraw',
    allowed: FROM_SIGNED,
  },
  {
    name: 'confirm a signature that is not ad referendum',
    code: 'KAZ',
    body: { action: 'confirm', date: '2015-02-01' },
    status: 'signed',
    action: 'confirm',
    allowed: FROM_SIGNED,
  },
  {
    name: 'revoke a withdrawal never notified',
    code: 'KAZ',
    body: { action: 'revoke_withdrawal', date: '2015-02-01' },
    status: 'signed',
    action: 'revoke_withdrawal',
    allowed: FROM_SIGNED,
  },
  {
    name: 'accede after signing',
    code: 'KAZ',
    body: { action: 'accede', date: '2015-02-01' },
    status: 'signed',
    action: 'accede',
    allowed: FROM_SIGNED,
  },
  {
    name: 'an invalid transition with an Idempotency-Key',
    code: 'SEN',
    body: { action: 'ratify', date: '2015-02-01' },
    headers: { 'Idempotency-Key': 'malformed-invalid-transition' },
    status: 'invited',
    action: 'ratify',
    allowed: FROM_INVITED,
  },
];

describe('malformed requests', () => {
  let t: TestApp;
  let db: Client;

  const counts = async (): Promise<Record<string, number>> => {
    const { rows } = await db.query<Record<string, string>>(
      `SELECT ${TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(', ')}`,
    );
    return Object.fromEntries(Object.entries(rows[0]).map(([table, count]) => [table, Number(count)]));
  };

  const send = (c: Omit<MalformedCase, 'status' | 'error'>) => {
    let req = t
      .http()
      [c.method](c.path)
      .set(...bearer(t.users[c.as ?? 'officer']));
    for (const [name, value] of Object.entries(c.headers ?? {})) req = req.set(name, value);
    if (c.raw !== undefined) return req.set('content-type', c.contentType ?? 'application/json').send(c.raw);
    if (c.body !== undefined) return req.send(c.body as object);
    return req;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await createTreaty(t, SLUG, ['KAZ', 'SEN', 'SAU']);
    const fra = await t
      .http()
      .post(`/api/treaties/${SLUG}/participants`)
      .set(...bearer(t.users.officer))
      .send({ countries: ['FRA'], invitedOn: '2016-01-01' });
    expect(fra.status).toBe(201);
    const signed = await t
      .http()
      .post(ACTIONS('KAZ'))
      .set(...bearer(t.users.officer))
      .send({ action: 'sign', date: KAZ_SIGNED_ON });
    expect(signed.status).toBe(201);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('has a table of at least 35 malformed requests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)('$method $path: $name → $status', async (c) => {
    const before = await counts();
    const res = await send(c);
    const allowed = Array.isArray(c.status) ? c.status : [c.status];
    // On a failure the diff shows the body, not only the status.
    expect({ status: res.status, body: res.body }).toMatchObject({ status: allowed.includes(res.status) ? res.status : allowed[0] });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(expect.objectContaining({ error: expect.any(String), message: expect.any(String) }));
    expect(res.body.message.length).toBeGreaterThan(0);
    if (c.error) expect(res.body.error).toBe(c.error);
    else if (res.status === 400) expect(['validation_failed', 'invalid_date']).toContain(res.body.error);
    expect(await counts()).toEqual(before);
  });

  it.each(transitions)('invalid transition: $name → 409', async (c) => {
    const before = await counts();
    let req = t
      .http()
      .post(ACTIONS(c.code))
      .set(...bearer(t.users.officer));
    for (const [name, value] of Object.entries(c.headers ?? {})) req = req.set(name, value);
    const res = await req.send(c.body);
    expect(res.status).toBe(409);
    expect(res.body).toEqual(
      expect.objectContaining({ error: 'invalid_transition', message: expect.any(String), status: c.status, action: c.action }),
    );
    expect([...(res.body.allowed as string[])].sort()).toEqual(c.allowed);
    expect(await counts()).toEqual(before);
  });

  it('left the participants as they were', async () => {
    const res = await t
      .http()
      .get(`/api/treaties/${SLUG}/participants`)
      .set(...bearer(t.users.officer));
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries(
      (res.body.items as { country: { code: string }; status: string; version: number }[]).map((p) => [
        p.country.code,
        [p.status, p.version],
      ]),
    );
    expect(statuses).toEqual({ FRA: ['invited', 1], KAZ: ['signed', 2], SAU: ['invited', 1], SEN: ['invited', 1] });
    const audit = await t
      .http()
      .get('/api/audit/events')
      .set(...bearer(t.users.auditor));
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(5);
  });
});
