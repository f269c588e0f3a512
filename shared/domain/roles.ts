export const MEMBERSHIP_ROLES = ['staff', 'manager', 'owner'] as const
export type MembershipRoleName = (typeof MEMBERSHIP_ROLES)[number]

/** Whether `role` is at least `minimum` (owner > manager > staff). */
export function roleAtLeast(role: MembershipRoleName, minimum: MembershipRoleName): boolean {
  return MEMBERSHIP_ROLES.indexOf(role) >= MEMBERSHIP_ROLES.indexOf(minimum)
}
