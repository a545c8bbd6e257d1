// The signed-in user's own view carries its language and the permissions of its role (the contract's roles table),
// so that a client can show only what the user may do.
import { accountViewSchema } from '@depositary/contracts';
import { ROLES, Role } from '@depositary/domain';
import { TestApp, bearer, startTestApp } from '../support/app';

const READS = ['countries.read', 'treaties.read', 'participants.read', 'focalPoints.read'];
const EVERYTHING = [
  'users.manage',
  'countries.read',
  'treaties.read',
  'treaties.manage',
  'participants.read',
  'participants.manage',
  'actions.record',
  'focalPoints.read',
  'focalPoints.manage',
  'reminders.sweep',
  'notifications.read',
  'depositaryNotifications.read',
  'depositaryNotifications.issue',
  'audit.read',
  'audit.verify',
  'audit.checkpoint',
  'account.own',
];

/** The roles table of the contract, written out. */
const EXPECTED: Record<Role, string[]> = {
  admin: EVERYTHING,
  officer: EVERYTHING.filter((permission) => permission !== 'users.manage'),
  auditor: [
    ...READS,
    'notifications.read',
    'depositaryNotifications.read',
    'audit.read',
    'audit.verify',
    'audit.checkpoint',
    'account.own',
  ],
  focal_point: [...READS, 'depositaryNotifications.read', 'account.own'],
};

/** A route each permission opens, read-only: a role without the permission gets 403 there. */
const PROBES: [string, string][] = [
  ['users.manage', '/api/users'],
  ['notifications.read', '/api/notifications'],
  ['audit.read', '/api/audit/events'],
  ['audit.verify', '/api/audit/verify'],
];

describe('the permissions of the signed-in user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(ROLES)('GET /api/users/me lists what the %s role may do, and the API agrees', async (role) => {
    const res = await t
      .http()
      .get('/api/users/me')
      .set(...bearer(t.users[role]));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: t.users[role].id, email: t.users[role].email, role, language: 'en' });
    expect([...res.body.permissions].sort()).toEqual([...EXPECTED[role]].sort());
    // The answer is exactly the documented Account view: parsing strips nothing and adds nothing.
    expect(accountViewSchema.parse(res.body)).toEqual(res.body);
    for (const [permission, path] of PROBES) {
      const probe = await t
        .http()
        .get(path)
        .set(...bearer(t.users[role]));
      expect([permission, probe.status]).toEqual([permission, res.body.permissions.includes(permission) ? 200 : 403]);
    }
  });

  it.each(ROLES)('PATCH /api/users/me {language} answers the %s with its new language and its permissions', async (role) => {
    const res = await t
      .http()
      .patch('/api/users/me')
      .set(...bearer(t.users[role]))
      .send({ language: 'ar' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role, language: 'ar' });
    expect([...res.body.permissions].sort()).toEqual([...EXPECTED[role]].sort());
    expect(accountViewSchema.parse(res.body)).toEqual(res.body);
    const back = await t
      .http()
      .patch('/api/users/me')
      .set(...bearer(t.users[role]))
      .send({ language: 'en' });
    expect(back.body).toMatchObject({ language: 'en', permissions: res.body.permissions });
  });

  it('refuses an unknown language or field with 400 in the error shape, and no token with 401', async () => {
    const badLanguage = await t
      .http()
      .patch('/api/users/me')
      .set(...bearer(t.users.auditor))
      .send({ language: 'de' });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('language') });
    const permissions = await t
      .http()
      .patch('/api/users/me')
      .set(...bearer(t.users.auditor))
      .send({ language: 'fr', permissions: ['users.manage'] });
    expect(permissions.status).toBe(400);
    expect(permissions.body).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('permissions') });
    const anonymous = await t.http().get('/api/users/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: 'unauthorized', message: expect.any(String) });
  });

  it('keeps permissions out of the users list and of the configuration audit', async () => {
    const list = await t
      .http()
      .get('/api/users')
      .set(...bearer(t.users.admin));
    expect(list.status).toBe(200);
    for (const user of list.body.items) expect(user).not.toHaveProperty('permissions');
    const events = await t
      .http()
      .get('/api/audit/events?kind=configuration')
      .set(...bearer(t.users.auditor));
    expect(JSON.stringify(events.body)).not.toContain('"permissions"');
  });
});
