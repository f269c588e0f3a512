// PATCH /api/v1/tenant/members/:userId — change a member's role (audited)
import { memberRoleInput } from '../../../../../shared/schemas/members'
import { changeMemberRole } from '../../../../services/members'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "change a member's role (audited)",
  body: memberRoleInput,
})

export default defineEventHandler(async (event) => {
  const { db, membership } = await requireTenantMember(event, { role: 'manager' })
  const { role } = await readInput(event, memberRoleInput)
  return changeMemberRole(db, membership.role, routeParam(event, 'userId'), role, auditActor(event))
})
