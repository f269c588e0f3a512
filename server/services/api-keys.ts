// PMS vendor API keys: `omk_<prefix>_<secret>`. Only a SHA-256 of the whole key is stored (the
// key is 192 random bits, so a slow hash adds nothing); the key is shown once, at creation.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { privilegedDb } from '../db/index.ts'
import { NotFound, Unauthorized } from '../lib/errors.ts'
import { hashToken as digest } from '../lib/tokens.ts'
import { recordAudit, type Actor } from './audit.ts'

const LAST_USED_RESOLUTION_MS = 60_000

export async function issueApiKey(pmsVendorId: string, name: string, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const vendor = await tx.pmsVendor.findUnique({ where: { id: pmsVendorId } })
    if (!vendor) throw NotFound('This PMS vendor does not exist.')
    const prefix = randomBytes(6).toString('hex')
    const key = `omk_${prefix}_${randomBytes(24).toString('base64url')}`
    const createdByUserId = actor.type === 'user' ? actor.id : null
    const row = await tx.apiKey.create({ data: { pmsVendorId, name, prefix, keyHash: digest(key), createdByUserId } })
    await recordAudit(tx, actor, { action: 'create', entity: 'api_key', entityId: row.id, after: { name, prefix } })
    return { id: row.id, name: row.name, prefix, createdAt: row.createdAt, key }
  })
}

export async function revokeApiKey(id: string, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id } })
    if (!row) throw NotFound('This API key does not exist.')
    const key = await tx.apiKey.update({ where: { id }, data: { revokedAt: row.revokedAt ?? new Date() } })
    await recordAudit(tx, actor, {
      action: 'revoke',
      entity: 'api_key',
      entityId: id,
      after: { revokedAt: key.revokedAt },
    })
    return { id: key.id, revokedAt: key.revokedAt }
  })
}

/** The vendor a presented key belongs to; 401 for unknown, malformed or revoked keys. */
export async function authenticateApiKey(key: string | undefined, now = new Date()) {
  const match = key?.match(/^omk_([0-9a-f]{12})_[A-Za-z0-9_-]{32}$/)
  if (!key || !match) throw Unauthorized('A valid API key is required (Authorization: Bearer omk_…).')
  const row = await privilegedDb().apiKey.findUnique({ where: { prefix: match[1] }, include: { pmsVendor: true } })
  const ok = row && timingSafeEqual(Buffer.from(row.keyHash, 'hex'), Buffer.from(digest(key), 'hex'))
  if (!row || !ok || row.revokedAt || !row.pmsVendor.active)
    throw Unauthorized('This API key is not valid or has been revoked.')
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await privilegedDb().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } })
  }
  return { apiKeyId: row.id, vendor: row.pmsVendor }
}
