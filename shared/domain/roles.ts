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
export function canManageMember(
  actor: MembershipRoleName,
  current: MembershipRoleName | null,
  next: MembershipRoleName | null,
): boolean {
  if (!roleAtLeast(actor, 'manager')) return false
  if (actor === 'owner') return true
  return current !== 'owner' && next !== 'owner'
}

/**
 * The room fields each role may change. A room's status (clean, dirty, inspected…) is housekeeping
 * work that staff do through the day; what the room is (number, type, floor, capacity, name) is the
 * manager's. Adding and removing rooms stays with managers and owners.
 */
export const ROOM_FIELDS_BY_ROLE: Record<MembershipRoleName, readonly string[] | 'all'> = {
  staff: ['status'],
  manager: 'all',
  owner: 'all',
}

/** The fields of a room change `role` may not make (empty: the change is allowed). */
export function roomFieldsDenied(role: MembershipRoleName, fields: readonly string[]): string[] {
  const allowed = ROOM_FIELDS_BY_ROLE[role]
  return allowed === 'all' ? [] : fields.filter((field) => !allowed.includes(field))
}
