import { z } from 'zod'

const role = z.enum(['owner', 'manager', 'staff'])

export const memberInviteInput = z.object({
  email: z.email('Enter a valid email address.').max(254),
  name: z.string().trim().min(1, 'Enter the person\'s name.').max(100),
  role,
}).strict()
export type MemberInviteInput = z.infer<typeof memberInviteInput>

export const memberRoleInput = z.object({ role }).strict()
