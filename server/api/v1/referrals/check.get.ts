// GET /api/v1/referrals/check?code= — whether a referral code can be used at signup (root domain)
import { referralCheckQuery } from '../../../../shared/schemas/queries'
import { NotFound } from '../../../lib/errors'
import { checkReferralCode } from '../../../services/signup'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Public',
  security: 'none',
  summary: 'whether a referral code can be used at signup (root domain)',
  query: referralCheckQuery,
})

export default defineEventHandler(async (event) => {
  if (event.context.tenant) throw NotFound()
  const { code } = readQueryInput(event, referralCheckQuery)
  const check = await checkReferralCode(code)
  return check.valid
    ? { code, valid: true, referrerType: check.referral.referrerType }
    : { code, valid: false, reason: check.reason[requestLang(event)] }
})
