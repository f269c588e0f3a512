import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

export const issueReferralInput = z
  .object({
    campaign: z.string().trim().max(100).optional(),
    notes: z.string().trim().max(1000).optional(),
  })
  .strict()
export type IssueReferralInput = z.infer<typeof issueReferralInput>

/** A hotel inviting another hotel (customer referral). */
export const customerInvitationInput = z
  .object({
    hotelName: z.string().trim().min(1, fk('hotelNameOf')).max(120),
    contactName: z.string().trim().min(1, fk('contactNameOf')).max(100),
    email: z.email(fk('email')).max(254),
  })
  .strict()
export type CustomerInvitationInput = z.infer<typeof customerInvitationInput>
