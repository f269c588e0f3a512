import { z } from 'zod'

export const signInInput = z.object({
  email: z.email('Enter a valid email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
  portal: z.enum(['hotel', 'agent', 'hq']),
}).strict()
export type SignInInput = z.infer<typeof signInInput>
