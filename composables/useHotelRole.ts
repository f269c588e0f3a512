import { roleAtLeast, type MembershipRoleName } from '~~/shared/domain/roles'

/**
 * The signed-in member's role in this hotel (from /api/v1/auth/me, the server's answer), for pages
 * to hide or explain what the role may not do; awaited, so the first render already knows it.
 * While it is unknown nothing role-gated is offered (`atLeast` is false).
 */
export async function useHotelRole() {
  const { data } = await useFetch('/api/v1/auth/me', { key: 'me' })
  const role = computed<MembershipRoleName | null>(() =>
    data.value && 'role' in data.value ? (data.value.role as MembershipRoleName) : null,
  )
  const atLeast = (minimum: MembershipRoleName) => role.value !== null && roleAtLeast(role.value, minimum)
  return { role, atLeast }
}
