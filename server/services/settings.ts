// The hotel's settings: one typed row per tenant (tenant_settings).
import type { TenantDb, TenantTx } from '../db/tenancy.ts'
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

export async function saveSettings(
  db: TenantDb,
  input: TenantSettingsInput,
  audit: (tx: TenantTx, before: object, after: object) => Promise<void>,
) {
  return db.$transaction(async (tx) => {
    const before = await tx.tenantSetting.findFirst()
    const after = await tx.tenantSetting.upsert({
      where: { tenantId: db.tenantId },
      create: { tenantId: db.tenantId, ...input },
      update: input,
    })
    await audit(tx, before ? pick(before) : {}, pick(after))
    return pick(after)
  })
}
