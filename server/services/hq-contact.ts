// The HQ administrator who looks after a hotel: its churn-risk alerts are mailed to them
// (services/churn.ts), and HQ's tenant list shows them. Unset, every HQ administrator is told.
import { privilegedDb } from '../db/index.ts'
import { Invalid, NotFound, msg } from '../lib/errors.ts'
import { recordAudit, type Actor } from './audit.ts'

export async function setHqContact(tenantId: string, userId: string | null, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, hqContactUserId: true },
    })
    if (!before) throw NotFound(msg('tenant_not_found', 'このホテルは見つかりません。', 'This hotel does not exist.'))
    const contact = userId
      ? await tx.user.findFirst({
          where: { id: userId, isHqAdmin: true, disabled: false },
          select: { id: true, name: true, email: true },
        })
      : null
    if (userId && !contact)
      throw Invalid(
        msg(
          'hq_contact_not_hq',
          'ホテルの担当者は本部の管理者から選んでください。',
          "Choose the hotel's contact among HQ's administrators.",
        ),
      )
    await tx.tenant.update({ where: { id: tenantId }, data: { hqContactUserId: userId } })
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'tenant',
      entityId: tenantId,
      tenantId,
      before: { hqContactUserId: before.hqContactUserId },
      after: { hqContactUserId: userId },
    })
    return { id: tenantId, hqContact: contact }
  })
}
