import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

const role = z.enum(['owner', 'manager', 'staff'])

export const memberInviteInput = z
  .object({
    email: z.email(fk('email')).max(254),
    name: z.string().trim().min(1, fk('personName')).max(100),
    role,
  })
  .strict()
export type MemberInviteInput = z.infer<typeof memberInviteInput>

export const memberRoleInput = z.object({ role }).strict()
