import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

const email = z.email(fk('email')).max(254)
const token = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/)
const newPassword = z
  .string()
  .min(10, fk('minChars', { min: 10 }))
  .max(200)

export const signInInput = z
  .object({
    email,
    password: z.string().min(1, fk('password')).max(200),
    portal: z.enum(['hotel', 'agent', 'hq']),
  })
  .strict()
export type SignInInput = z.infer<typeof signInInput>

export const invitationTokenInput = z.object({ token }).strict()

/** password: a new account's password, or the existing account's own password (not signed in). */
export const acceptInviteInput = z
  .object({
    token,
    password: z.string().min(1).max(200).optional(),
    name: z.string().trim().min(1).max(100).optional(),
  })
  .strict()

export const passwordResetRequestInput = z.object({ email }).strict()
export const passwordResetInput = z.object({ token, password: newPassword }).strict()
export type PasswordResetInput = z.infer<typeof passwordResetInput>

export const passwordChangeInput = z
  .object({ currentPassword: z.string().min(1, fk('currentPassword')).max(200), newPassword })
  .strict()
  .refine((v) => v.currentPassword !== v.newPassword, { path: ['newPassword'], message: fk('passwordDifferent') })
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>
