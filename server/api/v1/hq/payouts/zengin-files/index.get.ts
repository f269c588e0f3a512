// GET /api/v1/hq/payouts/zengin-files?month= — the stored Zengin files, newest first, without their bytes (HQ)
import { zenginFileListQuery } from '../../../../../../shared/schemas/queries'
import { listZenginFiles } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { month } = readQueryInput(event, zenginFileListQuery)
  return listZenginFiles(month)
})
