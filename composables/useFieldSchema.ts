import type { z } from 'zod'
import { localizedSchema, type Lang } from '~~/shared/i18n/field-messages'

/**
 * A shared schema for UForm whose field messages read in the page's language: the same catalogue
 * the API's `data.fields` come from (shared/i18n/field-messages.ts).
 */
export function useFieldSchema<S extends z.ZodType>(schema: S) {
  const { locale } = useI18n()
  return localizedSchema(schema, () => (locale.value === 'en' ? 'en' : 'ja') as Lang)
}
