export const ROLES = ['admin', 'officer', 'auditor', 'focal_point'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['countries.read', 'treaties.read', 'participants.read', 'focalPoints.read'];

/** The contract's roles table. A focal point's reads are further scoped to its own country by the services. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  officer: PERMISSIONS.filter((permission) => permission !== 'users.manage'),
  auditor: [...READ, 'notifications.read', 'depositaryNotifications.read', 'audit.read', 'audit.verify', 'audit.checkpoint', 'account.own'],
  focal_point: [...READ, 'depositaryNotifications.read', 'account.own'],
};

/** The permissions a role holds, in the order of PERMISSIONS. */
export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles whose reads are limited to one country. */
export function isCountryScoped(role: Role): boolean {
  return role === 'focal_point';
}

/** Who is acting: the signed-in user as read from the database on this request. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  countryCode: string | null;
}
