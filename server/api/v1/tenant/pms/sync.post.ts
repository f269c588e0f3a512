// POST /api/v1/tenant/pms/sync — pull from the PMS now (owner or manager), instead of waiting for the
// 5-minute job; the same idempotent upserts
import { syncConnection, vendorFailure } from '../../../../services/pms'
import { VendorError } from '../../../../pms/index'
import { NotFound } from '../../../../lib/errors'
import type { PmsVendorCode } from '../../../../../shared/domain/pms'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const connection = await db.pmsIntegration.findFirst({ where: { feature: 'room_status', status: { in: ['connected', 'error'] } }, include: { pmsVendor: true } })
  if (!connection) throw NotFound('This hotel is not connected to a PMS yet.')
  try {
    return await syncConnection(db.tenantId, connection.pmsVendor.code as PmsVendorCode)
  } catch (error) {
    if (error instanceof VendorError) throw vendorFailure(error, connection.pmsVendor.name)
    throw error
  }
})
