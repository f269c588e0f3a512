// POST /api/v1/hq/materials — upload a sales material (multipart: title, description, minRank, file) (HQ; audited)
import { z } from 'zod'
import { Invalid } from '../../../../lib/errors'
import { addMaterial, FILE_MISSING } from '../../../../services/materials'
import { fk } from '../../../../../shared/i18n/field-messages'
import { defineApiMeta } from '../../../../openapi/meta'

const fields = z.object({
  title: z.string().trim().min(1, 'Give the material a title.').max(200),
  description: z.string().trim().max(1000).optional(),
  minRank: z.enum(['bronze', 'silver', 'gold', 'platinum', 'diamond']),
})

export const meta = defineApiMeta({
  created: true,
  tag: 'HQ',
  security: 'hq',
  summary: 'upload a sales material (multipart: title, description, minRank, file) (HQ; audited)',
  multipart: true,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const parts = (await readMultipartFormData(event)) ?? []
  const text = (name: string) => parts.find((p) => p.name === name && !p.filename)?.data.toString('utf8')
  const file = parts.find((p) => p.name === 'file' && p.filename)
  if (!file) throw Invalid(FILE_MISSING, { fields: { file: fk('fileMissing') } })
  const input = fields.parse({
    title: text('title'),
    description: text('description') || undefined,
    minRank: text('minRank') ?? 'bronze',
  })
  const material = await addMaterial(
    {
      ...input,
      filename: file.filename!,
      contentType: file.type ?? 'application/octet-stream',
      content: file.data,
    },
    auditActor(event),
  )
  setResponseStatus(event, 201)
  return material
})
