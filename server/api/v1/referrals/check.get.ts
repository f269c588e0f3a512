// GET /api/v1/referrals/check?code= — whether a referral code can be used at signup (root domain)
import { z } from 'zod'
import { NotFound } from '../../../lib/errors'
import { checkReferralCode } from '../../../services/signup'

const query = z.object({ code: z.string().trim().min(1).max(64) })

export default defineEventHandler(async (event) => {
  if (event.context.tenant) throw NotFound()
  const { code } = readQueryInput(event, query)
  const check = await checkReferralCode(code)
  return check.valid ? { code, valid: true, referrerType: check.referral.referrerType } : { code, valid: false, reason: check.reason }
})
