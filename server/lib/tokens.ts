// One-time tokens and secrets (invitations, hand-overs, webhook secrets, API keys): random,
// URL-safe, and stored only as a SHA-256 (they carry enough entropy that a slow hash adds nothing).
import { createHash, randomBytes } from 'node:crypto'

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url')

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
