// The hotel's settings: one typed row per tenant (tenant_settings).
import type { TenantDb } from '../db/tenancy.ts'
import { recordAudit, type Actor } from './audit.ts'
import type { TenantSettingsInput } from '../../shared/schemas/settings.ts'

const pick = (s: {
  staffHourlyCost: number
  minutesSavedPerConversation: number
  notificationEmails: string[]
  timeZone: string
  currency: string
}) => ({
  staffHourlyCost: s.staffHourlyCost,
  minutesSavedPerConversation: s.minutesSavedPerConversation,
  notificationEmails: s.notificationEmails,
  timeZone: s.timeZone,
  currency: s.currency,
})

export async function readSettings(db: TenantDb) {
  const row =
    (await db.tenantSetting.findFirst()) ?? (await db.tenantSetting.create({ data: { tenantId: db.tenantId } }))
  return pick(row)
}

export async function saveSettings(db: TenantDb, input: TenantSettingsInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const before = await tx.tenantSetting.findFirst()
    const after = await tx.tenantSetting.upsert({
      where: { tenantId: db.tenantId },
      create: { tenantId: db.tenantId, ...input },
      update: input,
    })
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'tenant_settings',
      entityId: db.tenantId,
      before: before ? pick(before) : {},
      after: pick(after),
    })
    return pick(after)
  })
}
