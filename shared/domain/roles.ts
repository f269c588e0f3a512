export const MEMBERSHIP_ROLES = ['staff', 'manager', 'owner'] as const
export type MembershipRoleName = (typeof MEMBERSHIP_ROLES)[number]

/** Whether `role` is at least `minimum` (owner > manager > staff). */
export function roleAtLeast(role: MembershipRoleName, minimum: MembershipRoleName): boolean {
  return MEMBERSHIP_ROLES.indexOf(role) >= MEMBERSHIP_ROLES.indexOf(minimum)
}

/**
 * Whether `actor` may change a member whose role is `current` (null: not a member yet) to `next`
 * (null: removal). Managers manage staff and managers; only owners touch owners.
 */
export function canManageMember(actor: MembershipRoleName, current: MembershipRoleName | null, next: MembershipRoleName | null): boolean {
  if (!roleAtLeast(actor, 'manager')) return false
  if (actor === 'owner') return true
  return current !== 'owner' && next !== 'owner'
}
