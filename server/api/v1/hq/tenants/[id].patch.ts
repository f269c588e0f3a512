// PATCH /api/v1/hq/tenants/:id — suspend or reactivate a hotel (HQ; audited)
import { tenantStatusInput } from '../../../../../shared/schemas/hq'
import { NotFound } from '../../../../lib/errors'
import { forgetTenantCache } from '../../../../services/tenant-directory'
import { revokeSessions } from '../../../../services/sessions'
import { cancelReferralsOf } from '../../../../services/referrals'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { status } = await readInput(event, tenantStatusInput)
  const id = routeParam(event, 'id')
  const updated = await db.$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id } })
    if (!before) throw NotFound('This hotel does not exist.')
    const after = await tx.tenant.update({ where: { id }, data: { status } })
    await writeAudit(tx, event, {
      action: 'update',
      entity: 'tenant',
      entityId: id,
      tenantId: id,
      before: { status: before.status },
      after: { status: after.status },
    })
    // A suspended hotel's sessions end now (its host also refuses requests once the cache expires).
    if (status === 'suspended' || status === 'cancelled')
      await revokeSessions(tx, { hostTenantId: id }, `tenant_${status}`)
    // A hotel that cancels ends its referral, and the referrer's own discount for months not yet invoiced.
    if (status === 'cancelled' && before.status !== 'cancelled') await cancelReferralsOf(tx, id, new Date())
    return after
  })
  forgetTenantCache()
  return { id: updated.id, slug: updated.slug, status: updated.status }
})
