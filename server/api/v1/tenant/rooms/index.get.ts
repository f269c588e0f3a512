// GET /api/v1/tenant/rooms — the hotel's rooms
export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return db.room.findMany({ orderBy: { roomNumber: 'asc' } })
})
