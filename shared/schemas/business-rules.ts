import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'
import { BUSINESS_SETTINGS, BUSINESS_SETTING_KEYS } from '../domain/business-rules.ts'

/**
 * HQ schedules a business number. `value` is in the unit HQ reads on screen: percent for a rate
 * (up to two decimals, 12.5 = 12.5%), whole yen for an amount, whole months for a duration.
 */
export const businessSettingInput = z
  .object({
    key: z.enum(BUSINESS_SETTING_KEYS),
    value: z.number().min(0, fk('atLeast', { min: 0 })),
    effectiveFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, fk('date'))
      .refine(
        (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
        fk('calendarDate'),
      ),
    note: z.string().trim().max(300).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const d = BUSINESS_SETTINGS.find((s) => s.key === input.key)!
    if (d.unit === 'bps') {
      if (Math.round(input.value * 100) !== Number((input.value * 100).toFixed(6)))
        ctx.addIssue({ code: 'custom', path: ['value'], message: fk('twoDecimals') })
      if (input.value * 100 < d.min || input.value * 100 > d.max)
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: fk('betweenPercent', { min: d.min / 100, max: d.max / 100 }),
        })
    } else {
      if (!Number.isInteger(input.value))
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: d.unit === 'yen' ? fk('wholeYen') : fk('wholeMonths'),
        })
      if (input.value < d.min || input.value > d.max)
        ctx.addIssue({ code: 'custom', path: ['value'], message: fk('between', { min: d.min, max: d.max }) })
    }
  })
export type BusinessSettingInput = z.infer<typeof businessSettingInput>
