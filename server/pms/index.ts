// The connector for a vendor code, with its credentials' shape checked.
import { createHash } from 'node:crypto'
import type { PmsVendorCode } from '../../shared/domain/pms.ts'
import { pmsCredentialsInput, type PmsCredentials } from '../../shared/schemas/pms.ts'
import { cloudbedsConnector, cloudbedsWebhook } from './cloudbeds.ts'
import { mewsConnector, mewsWebhook } from './mews.ts'
import { operaConnector, operaWebhook } from './opera.ts'
import type { ConnectorContext, PmsConnector, WebhookNotice } from './types.ts'

export function createConnector(
  vendor: PmsVendorCode,
  credentials: PmsCredentials,
  ctx: Omit<ConnectorContext, 'rateKey'> & { rateKey?: string },
): PmsConnector {
  const parsed = pmsCredentialsInput[vendor].parse(credentials)
  const rateKey =
    ctx.rateKey ?? `${vendor}:${createHash('sha256').update(JSON.stringify(parsed)).digest('hex').slice(0, 16)}`
  const context = { ...ctx, rateKey }
  if (vendor === 'mews') return mewsConnector(parsed as never, context)
  if (vendor === 'cloudbeds') return cloudbedsConnector(parsed as never, context)
  return operaConnector(parsed as never, context)
}

export function readWebhook(vendor: PmsVendorCode, payload: unknown): WebhookNotice {
  return vendor === 'mews'
    ? mewsWebhook(payload)
    : vendor === 'cloudbeds'
      ? cloudbedsWebhook(payload)
      : operaWebhook(payload)
}

export type { PmsConnector, PmsReservationRecord, PmsRoomRecord, SkippedRecord, WebhookNotice } from './types.ts'
export { VendorError } from './http.ts'
