import { z } from 'zod'

export const issueReferralInput = z.object({
  campaign: z.string().trim().max(100).optional(),
  notes: z.string().trim().max(1000).optional(),
}).strict()
export type IssueReferralInput = z.infer<typeof issueReferralInput>

/** A hotel inviting another hotel (customer referral). */
export const customerInvitationInput = z.object({
  hotelName: z.string().trim().min(1, 'Enter the hotel\'s name.').max(120),
  contactName: z.string().trim().min(1, 'Enter the contact\'s name.').max(100),
  email: z.email('Enter a valid email address.').max(254),
}).strict()
export type CustomerInvitationInput = z.infer<typeof customerInvitationInput>
