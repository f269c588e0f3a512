// GET /api/v1/hq/payouts/zengin-files?month= — the stored Zengin files, newest first, without their bytes (HQ)
import { zenginFileListQuery } from '../../../../../../shared/schemas/queries'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { month } = readQueryInput(event, zenginFileListQuery)
  const files = await db.zenginFile.findMany({
    where: month ? { month } : {},
    orderBy: [{ month: 'desc' }, { sequence: 'desc' }],
    take: 100,
    omit: { content: true },
    include: { _count: { select: { payouts: true } } },
  })
  return files.map(({ _count, totalAmount, ...f }) => ({
    ...f,
    totalAmount: Number(totalAmount),
    payouts: _count.payouts,
  }))
})
