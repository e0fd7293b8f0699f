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
  /** Record pain scores (nurses take them before and after each infusion). */
  'outcomes.record',
  /** Decide on a patient flagged for clinical review (continue, change protocol, stop). */
  'outcomes.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const USER_ROLES = ['admin', 'front_desk', 'assistant', 'nurse', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  front_desk: ['clinic.read', 'patients.read', 'patients.write', 'schedule.read', 'schedule.write', 'outcomes.record'],
  assistant: ['clinic.read', 'patients.read', 'patients.write', 'schedule.read', 'schedule.write', 'outcomes.record'],
  nurse: ['clinic.read', 'patients.read', 'schedule.read', 'outcomes.record', 'outcomes.review'],
  viewer: ['clinic.read'],
};

export function roleAllows(role: UserRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
