// GET /api/v1/hq/payouts?month= — payouts, newest first (HQ)
import { payoutListQuery } from '../../../../../shared/schemas/queries'
import { listPayouts } from '../../../../services/payouts'
import { defineApiMeta } from '../../../../openapi/meta'
import { payoutList } from '../../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'payouts, newest first (HQ)',
  query: payoutListQuery,
  response: payoutList,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { month } = readQueryInput(event, payoutListQuery)
  return listPayouts(month)
})
