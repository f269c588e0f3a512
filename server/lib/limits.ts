// Request body limits, in one place: server/middleware/05.input.ts enforces them before a body is
// read (413), the materials service re-checks the file itself.
export const KB = 1024
export const MB = 1024 * KB

/** A sales material's file (services/materials.ts). */
export const MAX_MATERIAL_BYTES = 10 * MB

export const BODY_LIMITS = {
  /** Any JSON (or other) body not listed below. */
  default: 1 * MB,
  /** Stripe and PMS webhooks. */
  webhook: 256 * KB,
  /** The materials upload: the file plus its multipart framing and text fields. */
  materialUpload: MAX_MATERIAL_BYTES + 64 * KB,
} as const

/** The largest body accepted for `method path` (path without the query string). */
export function bodyLimitFor(method: string, path: string): number {
  if (path.startsWith('/api/webhooks/')) return BODY_LIMITS.webhook
  if (method === 'POST' && /^\/api\/v1\/hq\/materials\/?$/.test(path)) return BODY_LIMITS.materialUpload
  return BODY_LIMITS.default
}

/** "1 MB", "256 KB": for messages. */
export const formatBytes = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / KB)} KB`
