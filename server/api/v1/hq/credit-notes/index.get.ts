// GET /api/v1/hq/credit-notes — credit notes (適格返還請求書) across hotels, newest first (HQ)
export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return db.creditNote.findMany({
    orderBy: { issuedAt: 'desc' },
    take: 200,
    include: { tenant: { select: { slug: true, name: true } } },
  })
})
