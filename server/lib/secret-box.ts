// AES-256-GCM for secrets we must be able to read back (PMS credentials). The key comes from
// PMS_CREDENTIALS_KEY (32 bytes, base64 or hex); the associated data binds a sealed value to its
// owner (tenant and vendor), so a blob copied to another hotel's row does not open.
// Layout: 'v1' | iv (12) | tag (16) | ciphertext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const VERSION = Buffer.from('v1')

export class SecretBoxError extends Error {
  override name = 'SecretBoxError'
}

export function credentialsKey(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const raw = env.PMS_CREDENTIALS_KEY?.trim()
  if (!raw) return null
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64')
  if (key.length !== 32) throw new SecretBoxError('PMS_CREDENTIALS_KEY must be 32 bytes (64 hex digits or base64).')
  return key
}

export function seal(key: Buffer, plaintext: string, associated: string): Buffer {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(associated))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return Buffer.concat([VERSION, iv, cipher.getAuthTag(), body])
}

export function open(key: Buffer, sealed: Uint8Array, associated: string): string {
  const box = Buffer.from(sealed)
  if (box.length < 30 || !box.subarray(0, 2).equals(VERSION)) throw new SecretBoxError('Unknown sealed format.')
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(2, 14))
  decipher.setAAD(Buffer.from(associated))
  decipher.setAuthTag(box.subarray(14, 30))
  try {
    return Buffer.concat([decipher.update(box.subarray(30)), decipher.final()]).toString('utf8')
  } catch {
    throw new SecretBoxError('The sealed value does not open with this key (wrong key, or moved to another owner).')
  }
}
