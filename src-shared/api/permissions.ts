/**
 * What each role may do. Until sign-in exists the only user is the local administrator;
 * the registry already names each method's permission so that adding roles changes data,
 * not handlers.
 */
export const PERMISSIONS = [
  'clinic.read',
  'settings.write',
  'patients.read',
  'patients.write',
  'schedule.read',
  'schedule.write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const USER_ROLES = ['admin', 'front_desk', 'assistant', 'nurse', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  front_desk: ['clinic.read', 'patients.read', 'patients.write', 'schedule.read', 'schedule.write'],
  assistant: ['clinic.read', 'patients.read', 'patients.write', 'schedule.read', 'schedule.write'],
  nurse: ['clinic.read', 'patients.read', 'schedule.read'],
  viewer: ['clinic.read'],
};

export function roleAllows(role: UserRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
