import { z } from 'zod'

const TIME_ZONES = Intl.supportedValuesOf('timeZone')

/** The hotel's settings (tenant_settings). Unknown keys are refused. */
export const tenantSettingsInput = z.object({
  staffHourlyCost: z.number().int('Whole yen only.').min(0).max(100_000, 'At most ¥100,000 per hour.'),
  minutesSavedPerConversation: z.number().int('Whole minutes only.').min(0).max(240),
  notificationEmails: z.array(z.email('Enter valid email addresses.')).max(10, 'At most 10 addresses.'),
  timeZone: z.string().refine((tz) => TIME_ZONES.includes(tz), 'Choose a valid time zone (e.g. Asia/Tokyo).'),
}).strict()
export type TenantSettingsInput = z.infer<typeof tenantSettingsInput>
