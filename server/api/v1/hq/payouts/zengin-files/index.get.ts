// GET /api/v1/hq/payouts/zengin-files?month= — the stored Zengin files, newest first, without their bytes (HQ)
import { zenginFileListQuery } from '../../../../../../shared/schemas/queries'
import { listZenginFiles } from '../../../../../services/payouts'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'the stored Zengin files, newest first, without their bytes (HQ)',
  query: zenginFileListQuery,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { month } = readQueryInput(event, zenginFileListQuery)
  return listZenginFiles(month)
})
