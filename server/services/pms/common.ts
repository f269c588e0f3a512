// What every PMS path shares: the vendor by code or id, the sealed credentials' key and binding,
// a connector at the vendor's endpoint, and vendor failures in words a hotel manager can act on.
import { privilegedDb } from '../../db/index.ts'
import type { DomainError } from '../../lib/errors.ts'
import { Conflict, Invalid, msg, NotFound, Unavailable, Upstream } from '../../lib/errors.ts'
import { fk } from '../../../shared/i18n/field-messages.ts'
import { credentialsKey } from '../../lib/secret-box.ts'
import { createConnector, VendorError, type SkippedRecord } from '../../pms/index.ts'
import type { VendorErrorKind } from '../../pms/http.ts'
import { isPmsVendor, PMS_VENDORS, type PmsVendorCode } from '../../../shared/domain/pms.ts'
import type { PmsCredentials } from '../../../shared/schemas/pms.ts'
import { vendorRateLimiter } from '../vendor-rate-limit.ts'

export const FEATURES = ['room_status', 'reservations'] as const
export const FULL_SYNC_EVERY_MS = 24 * 3_600_000
/** Reservations changed this long before the cursor are read again: vendors' clocks and commits lag. */
export const CURSOR_OVERLAP_MS = 2 * 60_000
export const MAX_SKIPPED_REPORTED = 20
/** How long a webhook processor holds its events before another may take them over. */
export const WEBHOOK_LEASE_MS = 5 * 60_000

export interface SyncOptions {
  full?: boolean
  rooms?: boolean
  reservationsSince?: Date | null
  now?: Date
  timeoutMs?: number
  pageSize?: number
  sleep?: (ms: number) => Promise<void>
}
export interface SyncSummary {
  vendor: PmsVendorCode
  rooms: number
  reservations: number
  removedRooms: number
  skipped: number
  skippedRecords: SkippedRecord[]
  incremental: boolean
  delayMs: number | null
  requests: number
  retries: number
  rateLimited: number
}

export function assertVendor(code: string): PmsVendorCode {
  if (!isPmsVendor(code))
    throw Invalid(
      msg(
        'pms_vendor_unsupported',
        `PMS ベンダー「${code}」には対応していません。対応しているベンダー: ${PMS_VENDORS.join(', ')}。`,
        `Unsupported PMS vendor "${code}". Supported: ${PMS_VENDORS.join(', ')}.`,
      ),
      { supported: [...PMS_VENDORS] },
    )
  return code
}

export function requireKey(): Buffer {
  const key = credentialsKey()
  if (!key)
    throw Unavailable(
      msg(
        'pms_not_configured',
        'このサーバーでは PMS 連携が設定されていません（PMS_CREDENTIALS_KEY がありません）。' +
          'OmotenasuAI サポートにお問い合わせください。',
        'PMS connections are not configured on this server (PMS_CREDENTIALS_KEY is missing). ' +
          'Contact OmotenasuAI support.',
      ),
    )
  return key
}

export const sealedFor = (tenantId: string, vendor: string) => `pms:${tenantId}:${vendor}`

export async function vendorByCode(code: PmsVendorCode) {
  const vendor = await privilegedDb().pmsVendor.findUnique({ where: { code } })
  if (!vendor)
    throw NotFound(
      msg(
        'pms_vendor_not_found',
        `「${code}」はこのプラットフォームの PMS ベンダーではありません。`,
        `${code} is not a PMS vendor of this platform.`,
      ),
    )
  return vendor
}

/**
 * A vendor's code and name by id: platform data, read through privilegedDb (the app role has no grant
 * on pms_vendors).
 */
export async function vendorById(id: string) {
  return privilegedDb().pmsVendor.findUniqueOrThrow({ where: { id }, select: { code: true, name: true } })
}

export async function activeVendor(code: PmsVendorCode) {
  const vendor = await privilegedDb().pmsVendor.findUnique({ where: { code } })
  if (!vendor || !vendor.active)
    throw Conflict(
      msg(
        'pms_vendor_inactive',
        `「${code}」は現在、新しい連携を受け付けていません。OmotenasuAI サポートにお問い合わせください。`,
        `${code} is not available for new connections right now. Contact OmotenasuAI support.`,
      ),
    )
  if (!vendor.apiEndpoint)
    throw Conflict(
      msg(
        'pms_vendor_no_endpoint',
        `「${vendor.name}」の API エンドポイントがまだ設定されていません。OmotenasuAI サポートにお問い合わせください。`,
        `${vendor.name} has no API endpoint configured yet. Contact OmotenasuAI support.`,
      ),
    )
  return vendor
}

export const notConnectedTo = (vendorName: string) =>
  msg(
    'pms_not_connected',
    `このホテルは「${vendorName}」と連携していません。`,
    `This hotel is not connected to ${vendorName}.`,
  )

/** The vendor's connector at its HQ-configured endpoint, rate-limited across instances. */
export const connectorFor = (
  vendor: { apiEndpoint: string | null },
  code: PmsVendorCode,
  credentials: PmsCredentials,
  opts: SyncOptions,
) =>
  createConnector(code, credentials, {
    baseUrl: vendor.apiEndpoint!,
    timeoutMs: opts.timeoutMs,
    pageSize: opts.pageSize,
    sleep: opts.sleep,
    limiter: vendorRateLimiter(),
  })

/** A vendor failure as a message the hotel manager can act on. */
export function vendorFailure(error: unknown, vendorName: string): DomainError {
  if (error instanceof VendorError) {
    if (error.kind === 'auth')
      return Invalid(
        msg(
          'pms_credentials_refused',
          `「${vendorName}」がこの認証情報を受け付けませんでした。` +
            `${vendorName} から認証情報をもう一度コピーしてください` +
            '（期限切れか、取り消された可能性があります）。',
          `${vendorName} refused these credentials. Copy them again from ${vendorName} ` +
            '(they may have expired or been revoked).',
        ),
        { fields: { credentials: fk('pmsRefused') } },
      )
    if (error.kind === 'rejected')
      return Invalid(
        msg(
          'pms_request_rejected',
          `「${vendorName}」がリクエストを拒否しました: ${error.message}`,
          `${vendorName} rejected the request: ${error.message}`,
        ),
      )
    return Upstream(
      msg(
        'pms_unreachable',
        `「${vendorName}」に接続できませんでした（${error.message}）。数分後にもう一度お試しください。`,
        `${vendorName} could not be reached (${error.message}). Try again in a few minutes.`,
      ),
    )
  }
  return Upstream(
    msg(
      'pms_unreadable_answer',
      `「${vendorName}」から読み取れない応答がありました。` +
        'もう一度お試しください。続く場合はサポートにお問い合わせください。',
      `${vendorName} answered in a way we could not read. Try again; if it persists, contact support.`,
    ),
  )
}

/** A vendor's message with the hotel's credentials blanked out, should the vendor echo them back. */
export function redact(message: string, credentials: PmsCredentials): string {
  const values = Object.values(credentials).filter((v): v is string => typeof v === 'string' && v.length >= 4)
  // OPERA's token request carries clientId:clientSecret as HTTP Basic (base64).
  if ('clientId' in credentials && 'clientSecret' in credentials)
    values.push(Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64'))
  let out = message
  for (const value of values) out = out.split(value).join('[redacted]')
  return out
}

/** What to do about a sync error, for the PMS page. */
/**
 * What went wrong with a sync, as a code the PMS page explains in the reader's language
 * (pms.errorAdvice.* in i18n/locales): the vendor error's kind, or `unexpected`.
 */
export function errorKind(error: unknown): VendorErrorKind | 'unexpected' {
  return error instanceof VendorError ? error.kind : 'unexpected'
}
