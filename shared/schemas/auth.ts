import { z } from 'zod'

export const signInInput = z.object({
  email: z.email('Enter a valid email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
  portal: z.enum(['hotel', 'agent', 'hq']),
}).strict()
export type SignInInput = z.infer<typeof signInInput>

export const acceptInviteInput = z.object({ token: z.string().min(20).max(200), password: z.string().min(10, 'At least 10 characters.').max(200) }).strict()
