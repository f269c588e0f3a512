// API keys: a PMS vendor's `omk_<prefix>_<secret>` (kind pms_vendor) or the OmotenasuAI concierge
// product's `omc_<prefix>_<secret>` (kind concierge, POST /api/v1/usage only); each kind opens only
// its own door. Only a SHA-256 of the whole key is stored (the
// key is 192 random bits, so a slow hash adds nothing); the key is shown once, at creation.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { privilegedDb } from '../db/index.ts'
import { msg, NotFound, Unauthorized } from '../lib/errors.ts'
import { hashToken as digest } from '../lib/tokens.ts'
import { recordAudit, type Actor } from './audit.ts'

const LAST_USED_RESOLUTION_MS = 60_000
const API_KEY_NOT_FOUND = msg('api_key_not_found', 'この API キーは見つかりません。', 'This API key does not exist.')
const API_KEY_INVALID = msg(
  'api_key_invalid',
  'この API キーは無効か、すでに失効しています。',
  'This API key is not valid or has been revoked.',
)

export async function issueApiKey(pmsVendorId: string, name: string, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const vendor = await tx.pmsVendor.findUnique({ where: { id: pmsVendorId } })
    if (!vendor)
      throw NotFound(
        msg('pms_vendor_not_found', 'この PMS ベンダーは見つかりません。', 'This PMS vendor does not exist.'),
      )
    const prefix = randomBytes(6).toString('hex')
    const key = `omk_${prefix}_${randomBytes(24).toString('base64url')}`
    const createdByUserId = actor.type === 'user' ? actor.id : null
    const row = await tx.apiKey.create({
      data: { kind: 'pms_vendor', pmsVendorId, name, prefix, keyHash: digest(key), createdByUserId },
    })
    await recordAudit(tx, actor, { action: 'create', entity: 'api_key', entityId: row.id, after: { name, prefix } })
    return { id: row.id, name: row.name, prefix, createdAt: row.createdAt, key }
  })
}

export async function revokeApiKey(id: string, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id } })
    if (!row) throw NotFound(API_KEY_NOT_FOUND)
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
  if (!key || !match)
    throw Unauthorized(
      msg(
        'api_key_required',
        '有効な API キーが必要です（Authorization: Bearer omk_…）。',
        'A valid API key is required (Authorization: Bearer omk_…).',
      ),
    )
  const row = await privilegedDb().apiKey.findUnique({ where: { prefix: match[1] }, include: { pmsVendor: true } })
  const ok = row && timingSafeEqual(Buffer.from(row.keyHash, 'hex'), Buffer.from(digest(key), 'hex'))
  if (!row || !ok || row.revokedAt || row.kind !== 'pms_vendor' || !row.pmsVendor?.active)
    throw Unauthorized(API_KEY_INVALID)
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await privilegedDb().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } })
  }
  return { apiKeyId: row.id, vendor: row.pmsVendor }
}

/** Who issues or revokes a key, for the audit entry written with the change. */
export type KeyActor = Actor

/** Issues a concierge-product key (HQ); the response is the only time the key is shown. */
export async function issueConciergeKey(name: string, actor: KeyActor) {
  const prefix = randomBytes(6).toString('hex')
  const key = `omc_${prefix}_${randomBytes(24).toString('base64url')}`
  return privilegedDb().$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { kind: 'concierge', name, prefix, keyHash: digest(key), createdByUserId: actor.id },
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'concierge_api_key',
      entityId: row.id,
      after: { name, prefix },
    })
    return { id: row.id, name: row.name, prefix, createdAt: row.createdAt, key }
  })
}

/** Revokes a concierge-product key (HQ; audited in the same transaction). */
export async function revokeConciergeKey(id: string, actor: KeyActor) {
  return privilegedDb().$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id } })
    if (!row || row.kind !== 'concierge') throw NotFound(API_KEY_NOT_FOUND)
    const revokedAt = row.revokedAt ?? new Date()
    await tx.apiKey.update({ where: { id }, data: { revokedAt } })
    await recordAudit(tx, actor, {
      action: 'revoke',
      entity: 'concierge_api_key',
      entityId: id,
      before: { revokedAt: row.revokedAt },
      after: { revokedAt },
    })
    return { id, revokedAt }
  })
}

/** The concierge-product keys, newest first, without their hashes. */
export async function listConciergeKeys() {
  return privilegedDb().apiKey.findMany({
    where: { kind: 'concierge' },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  })
}

/** The concierge key presented to POST /api/v1/usage; 401 for anything else (a vendor key included). */
export async function authenticateConciergeKey(key: string | undefined, now = new Date()) {
  const match = key?.match(/^omc_([0-9a-f]{12})_[A-Za-z0-9_-]{32}$/)
  if (!key || !match)
    throw Unauthorized(
      msg(
        'concierge_api_key_required',
        '有効なコンシェルジュ API キーが必要です（Authorization: Bearer omc_…）。',
        'A valid concierge API key is required (Authorization: Bearer omc_…).',
      ),
    )
  const row = await privilegedDb().apiKey.findUnique({ where: { prefix: match[1] } })
  const ok = row && timingSafeEqual(Buffer.from(row.keyHash, 'hex'), Buffer.from(digest(key), 'hex'))
  if (!row || !ok || row.revokedAt || row.kind !== 'concierge') throw Unauthorized(API_KEY_INVALID)
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await privilegedDb().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } })
  }
  return { apiKeyId: row.id }
}
