// POST /api/v1/auth/password — change the signed-in person's password (current one required);
// their other sessions end, and a notice is mailed
import { passwordChangeInput } from '../../../../shared/schemas/auth'
import { changePassword } from '../../../services/auth'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Sign-in',
  security: 'any',
  summary:
    "change the signed-in person's password (the current one required); their other sessions end and a notice is " +
    'mailed',
  body: passwordChangeInput,
})

export default defineEventHandler(async (event) => {
  const { user, session } = await requireSignedIn(event)
  const input = await readInput(event, passwordChangeInput)
  await changePassword(user.id, session.id, input.currentPassword, input.newPassword, clientAddress(event))
  return { changed: true }
})
