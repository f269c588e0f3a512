// Sales materials: HQ uploads with a minimum rank; agents get only those of their rank or below.
import { privilegedDb } from '../db/index.ts'
import { Forbidden, Invalid, msg, NotFound } from '../lib/errors.ts'
import { fk } from '../../shared/i18n/field-messages.ts'
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
/** A rank as the agent portal names it in Japanese (i18n/locales/ja.json). */
export const RANK_JA: Record<AgentRankName, string> = {
  bronze: 'ブロンズ',
  silver: 'シルバー',
  gold: 'ゴールド',
  platinum: 'プラチナ',
  diamond: 'ダイヤモンド',
}
export const FILE_MISSING = msg(
  'file_missing',
  'アップロードするファイルを選んでください。',
  'Choose a file to upload.',
)

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
  if (!input.content.length) throw Invalid(FILE_MISSING, { fields: { file: fk('fileMissing') } })
  if (input.content.length > MAX_MATERIAL_BYTES)
    throw Invalid(
      msg('material_too_large', '資料のファイルサイズは10MBまでです。', 'A material can be at most 10 MB.'),
      { fields: { file: fk('fileTooLarge') } },
    )
  if (!ALLOWED_TYPES.includes(input.contentType))
    throw Invalid(
      msg(
        'material_type_unsupported',
        'PDF・PNG・JPEG・PowerPoint・Word・MP4 のいずれかのファイルをアップロードしてください。',
        'Upload a PDF, PNG, JPEG, PowerPoint, Word or MP4 file.',
      ),
      { fields: { file: fk('fileType') } },
    )
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
  if (!material)
    throw NotFound(msg('material_not_found', 'この資料は見つかりません。', 'This material does not exist.'))
  if (!ranksUpTo(rank).includes(material.minRank))
    throw Forbidden(
      msg(
        'material_rank_required',
        `この資料は${RANK_JA[material.minRank]}ランク以上の代理店向けです。`,
        `This material is for ${material.minRank} agents and above.`,
      ),
      { minRank: material.minRank },
    )
  return material
}
