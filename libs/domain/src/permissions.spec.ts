import { PERMISSIONS, Permission, ROLES, Role, can, isCountryScoped } from './permissions';

const Y = true;
const N = false;

/** The contract's roles table, one row per permission: admin, officer, auditor, focal_point. */
const TABLE: Record<Permission, [admin: boolean, officer: boolean, auditor: boolean, focalPoint: boolean]> = {
  'users.manage': [Y, N, N, N],
  'countries.read': [Y, Y, Y, Y],
  'treaties.read': [Y, Y, Y, Y],
  'treaties.manage': [Y, Y, N, N],
  'participants.read': [Y, Y, Y, Y],
  'participants.manage': [Y, Y, N, N],
  'actions.record': [Y, Y, N, N],
  'focalPoints.read': [Y, Y, Y, Y],
  'focalPoints.manage': [Y, Y, N, N],
  'reminders.sweep': [Y, Y, N, N],
  'notifications.read': [Y, Y, Y, N],
  'depositaryNotifications.read': [Y, Y, Y, Y],
  'depositaryNotifications.issue': [Y, Y, N, N],
  'audit.read': [Y, Y, Y, N],
  'audit.verify': [Y, Y, Y, N],
  'audit.checkpoint': [Y, Y, Y, N],
  'account.own': [Y, Y, Y, Y],
};

const ROLE_ORDER: readonly Role[] = ['admin', 'officer', 'auditor', 'focal_point'];

const cases = PERMISSIONS.flatMap((permission) =>
  ROLE_ORDER.map((role, column) => ({
    role,
    permission,
    allowed: TABLE[permission][column],
  })),
);

describe('permissions', () => {
  it('the table covers every role and every permission', () => {
    expect([...ROLES].sort()).toEqual([...ROLE_ORDER].sort());
    expect(Object.keys(TABLE).sort()).toEqual([...PERMISSIONS].sort());
    expect(cases).toHaveLength(ROLES.length * PERMISSIONS.length);
  });

  it.each(cases)('$role may $permission: $allowed', ({ role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it.each([
    ['admin', [...PERMISSIONS]],
    ['officer', PERMISSIONS.filter((permission) => permission !== 'users.manage')],
    [
      'auditor',
      [
        'countries.read',
        'treaties.read',
        'participants.read',
        'focalPoints.read',
        'notifications.read',
        'depositaryNotifications.read',
        'audit.read',
        'audit.verify',
        'audit.checkpoint',
        'account.own',
      ],
    ],
    [
      'focal_point',
      ['countries.read', 'treaties.read', 'participants.read', 'focalPoints.read', 'depositaryNotifications.read', 'account.own'],
    ],
  ] as const)('%s holds exactly %j', (role, permissions) => {
    expect(PERMISSIONS.filter((permission) => can(role, permission))).toEqual(permissions);
  });

  it.each([
    ['auditor', /\.(manage|record|sweep)$/],
    ['focal_point', /\.(manage|record|sweep|verify)$|^(audit|notifications)\./],
  ] as const)('%s changes nothing', (role, forbidden) => {
    const held = PERMISSIONS.filter((permission) => can(role, permission));
    expect(held.filter((permission) => forbidden.test(permission))).toEqual([]);
  });

  it.each([
    ['admin', false],
    ['officer', false],
    ['auditor', false],
    ['focal_point', true],
  ] as const)('%s is scoped to one country: %s', (role, scoped) => {
    expect(isCountryScoped(role)).toBe(scoped);
  });
});
