import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

const TIME_ZONES = Intl.supportedValuesOf('timeZone')

/** The hotel's settings (tenant_settings). Unknown keys are refused. */
export const tenantSettingsInput = z
  .object({
    staffHourlyCost: z.number().int(fk('wholeYen')).min(0).max(100_000, fk('maxHourlyCost')),
    minutesSavedPerConversation: z.number().int(fk('wholeMinutes')).min(0).max(240),
    notificationEmails: z.array(z.email(fk('emails'))).max(10, fk('maxAddresses')),
    timeZone: z.string().refine((tz) => TIME_ZONES.includes(tz), fk('timeZone')),
  })
  .strict()
export type TenantSettingsInput = z.infer<typeof tenantSettingsInput>
