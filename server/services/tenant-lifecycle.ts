// HQ suspends, reactivates or cancels a hotel: its sessions end, and a cancellation ends its
// referral. One privileged transaction with the audit entry.
import { privilegedDb } from '../db/index.ts'
import { msg, NotFound } from '../lib/errors.ts'
import type { TenantStatusInput } from '../../shared/schemas/hq.ts'
import { recordAudit, type Actor } from './audit.ts'
import { cancelReferralsOf } from './referrals.ts'
import { revokeSessions } from './sessions.ts'
import { forgetTenantCache } from './tenant-directory.ts'

export async function setTenantStatus(id: string, status: TenantStatusInput['status'], actor: Actor, now = new Date()) {
  const updated = await privilegedDb().$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id } })
    if (!before) throw NotFound(msg('hotel_not_found', 'このホテルは見つかりません。', 'This hotel does not exist.'))
    const after = await tx.tenant.update({ where: { id }, data: { status } })
    await recordAudit(tx, actor, {
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
    if (status === 'cancelled' && before.status !== 'cancelled') await cancelReferralsOf(tx, id, now)
    return after
  })
  forgetTenantCache()
  return { id: updated.id, slug: updated.slug, status: updated.status }
}
