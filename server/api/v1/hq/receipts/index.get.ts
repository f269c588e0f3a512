// GET /api/v1/hq/receipts — receipts (領収書) across hotels, newest first (HQ)
export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return db.receipt.findMany({
    orderBy: { issuedAt: 'desc' },
    take: 200,
    include: { tenant: { select: { slug: true, name: true } } },
  })
})
