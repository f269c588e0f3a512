// PATCH /api/v1/tenant/rooms/:id — change a room (audited). Staff may change only its status
// (housekeeping); managers and owners anything (shared/domain/roles.ts).
import { roomUpdate } from '../../../../../shared/schemas/rooms'
import { roomFieldsDenied } from '../../../../../shared/domain/roles'
import { Forbidden, msg } from '../../../../lib/errors'
import { updateRoom } from '../../../../services/hotel'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'change a room: staff may change only its status (housekeeping), managers and owners any field (audited)',
  body: roomUpdate,
})

export default defineEventHandler(async (event) => {
  const { db, membership } = await requireTenantMember(event)
  const input = await readInput(event, roomUpdate)
  const denied = roomFieldsDenied(membership.role, Object.keys(input))
  if (denied.length) {
    throw Forbidden(
      msg(
        'room_fields_role_required',
        `スタッフが変更できるのは客室の状態だけです（${denied.join(', ')} はマネージャー以上が変更できます）。`,
        `Staff can change only a room's status; ${denied.join(', ')} need the manager role or above.`,
      ),
      { fields: denied },
    )
  }
  return updateRoom(db, routeParam(event, 'id'), input, auditActor(event))
})
