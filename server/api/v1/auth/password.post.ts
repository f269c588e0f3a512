// POST /api/v1/auth/password — change the signed-in person's password (current one required);
// their other sessions end, and a notice is mailed
import { passwordChangeInput } from '../../../../shared/schemas/auth'
import { changePassword } from '../../../services/auth'

export default defineEventHandler(async (event) => {
  const { user, session } = await requireSignedIn(event)
  const input = await readInput(event, passwordChangeInput)
  await changePassword(user.id, session.id, input.currentPassword, input.newPassword, clientAddress(event))
  return { changed: true }
})
