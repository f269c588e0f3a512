// Sales materials: HQ uploads with a minimum rank; agents get only those of their rank or below.
import { privilegedDb } from '../db/index.ts'
import { Forbidden, Invalid, NotFound } from '../lib/errors.ts'
import { AGENT_RANKS, type AgentRankName } from '../../shared/domain/catalogue.ts'
import { MAX_MATERIAL_BYTES } from '../lib/limits.ts'
import { recordAudit, type Actor } from './audit.ts'

export { MAX_MATERIAL_BYTES }
const ALLOWED_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'video/mp4',
]

/** Ranks whose materials `rank` may see: its own and those below. */
export const ranksUpTo = (rank: AgentRankName) => AGENT_RANKS.slice(0, AGENT_RANKS.indexOf(rank) + 1)

export async function addMaterial(
  input: {
    title: string
    description?: string
    minRank: AgentRankName
    filename: string
    contentType: string
    content: Buffer
  },
  actor: Actor,
) {
  if (!input.content.length) throw Invalid('Choose a file to upload.', { fields: { file: 'No file.' } })
  if (input.content.length > MAX_MATERIAL_BYTES)
    throw Invalid('A material can be at most 10 MB.', { fields: { file: 'Too large.' } })
  if (!ALLOWED_TYPES.includes(input.contentType))
    throw Invalid('Upload a PDF, PNG, JPEG, PowerPoint, Word or MP4 file.', {
      fields: { file: 'Unsupported file type.' },
    })
  return privilegedDb().$transaction(async (tx) => {
    const material = await tx.salesMaterial.create({
      data: {
        title: input.title,
        description: input.description,
        minRank: input.minRank,
        filename: input.filename,
        contentType: input.contentType,
        size: input.content.length,
        content: new Uint8Array(input.content),
      },
      select: { id: true, title: true, minRank: true, filename: true, size: true, createdAt: true },
    })
    await recordAudit(tx, actor, { action: 'create', entity: 'sales_material', entityId: material.id, after: material })
    return material
  })
}

export function listMaterials(rank: AgentRankName | null) {
  return privilegedDb().salesMaterial.findMany({
    where: rank ? { minRank: { in: ranksUpTo(rank) } } : {},
    select: {
      id: true,
      title: true,
      description: true,
      filename: true,
      contentType: true,
      size: true,
      minRank: true,
      createdAt: true,
    },
    orderBy: { createdAt: 'desc' },
  })
}

/** The file, if `rank` may have it: a higher rank's material is refused, not hidden as missing. */
export async function materialFor(id: string, rank: AgentRankName) {
  const material = await privilegedDb().salesMaterial.findUnique({ where: { id } })
  if (!material) throw NotFound('This material does not exist.')
  if (!ranksUpTo(rank).includes(material.minRank))
    throw Forbidden(`This material is for ${material.minRank} agents and above.`, { minRank: material.minRank })
  return material
}
