// Cloudbeds API v1.2 (https://hotels.cloudbeds.com/api/v1.2/docs): GET with propertyID, an OAuth
// bearer token or an API key (x-api-key), envelopes { success, data, count, total } paged with
// pageNumber / pageSize. Published limit: 5 requests per second per property — we stay at 4.
import { mapReservationStatus, mapRoomStatus } from '../../shared/domain/pms.ts'
import { createVendorHttp, VendorError } from './http.ts'
import {
  businessDay,
  parseTime,
  str,
  type ConnectorContext,
  type PmsConnector,
  type PmsReservationRecord,
  type PmsRoomRecord,
  type SkippedRecord,
  type WebhookNotice,
} from './types.ts'

export interface CloudbedsCredentials {
  propertyId: string
  apiKey?: string
  accessToken?: string
}
const PAGE = 100

interface Envelope {
  success?: boolean
  message?: string
  data?: unknown
  count?: number
  total?: number
}

export function cloudbedsConnector(credentials: CloudbedsCredentials, ctx: ConnectorContext): PmsConnector {
  const size = ctx.pageSize ?? PAGE
  const http = createVendorHttp({
    vendor: 'Cloudbeds',
    baseUrl: ctx.baseUrl,
    rateKey: ctx.rateKey,
    rate: { requests: 4, perMs: 1_000 },
    timeoutMs: ctx.timeoutMs,
    sleep: ctx.sleep,
    limiter: ctx.limiter,
    headers: (): Record<string, string> =>
      credentials.accessToken
        ? { authorization: `Bearer ${credentials.accessToken}` }
        : { 'x-api-key': credentials.apiKey ?? '' },
  })
  async function get(method: string, query: Record<string, string | number | undefined>): Promise<Envelope> {
    const reply = await http.request<Envelope>({
      method: 'GET',
      path: `api/v1.2/${method}`,
      query: { propertyID: credentials.propertyId, ...query },
    })
    if (!reply || reply.success !== true)
      throw new VendorError('rejected', `Cloudbeds refused ${method}: ${reply?.message ?? 'no reason given'}`)
    return reply
  }
  async function all(
    method: string,
    query: Record<string, string | number | undefined>,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = []
    for (let page = 1; page <= 1_000; page++) {
      const reply = await get(method, { ...query, pageNumber: page, pageSize: size })
      const batch = Array.isArray(reply.data) ? (reply.data as Record<string, unknown>[]) : []
      items.push(...batch)
      if (batch.length < size || (typeof reply.total === 'number' && items.length >= reply.total)) break
    }
    return items
  }

  return {
    vendor: 'cloudbeds',
    stats: http.stats,
    async verify() {
      const reply = await get('getHotelDetails', {})
      const data = (reply.data ?? {}) as { propertyID?: unknown; propertyName?: unknown }
      const id = str(data.propertyID) ?? credentials.propertyId
      return { propertyId: id, propertyName: str(data.propertyName) ?? id }
    },
    async rooms() {
      const rows = await all('getHousekeepingStatus', {})
      const records: PmsRoomRecord[] = []
      const skipped: SkippedRecord[] = []
      for (const r of rows) {
        const id = str(r.roomID)
        const name = str(r.roomName)
        const status = mapRoomStatus(
          'cloudbeds',
          r.roomBlocked === true ? 'blocked' : str(r.roomCondition),
          r.roomOccupied === true,
        )
        if (!id || !name || !status) {
          skipped.push({
            kind: 'room',
            externalId: id,
            reason: !id || !name ? 'missing roomID or roomName' : `unknown roomCondition "${String(r.roomCondition)}"`,
          })
          continue
        }
        records.push({
          externalId: id,
          roomNumber: name,
          name: null,
          roomType: str(r.roomTypeName),
          floor: null,
          status,
          changedAt: parseTime(r.dateModified),
        })
      }
      return { records, skipped }
    },
    async reservations(modifiedSince, until) {
      const fmt = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ')
      const query = modifiedSince
        ? { modifiedFrom: fmt(modifiedSince), modifiedTo: fmt(until), includeGuestsDetails: 'true' }
        : {
            checkOutFrom: businessDay(until.toISOString())!,
            checkInTo: businessDay(new Date(until.getTime() + 31 * 86_400_000).toISOString())!,
            includeGuestsDetails: 'true',
          }
      const rows = await all('getReservations', query)
      const records: PmsReservationRecord[] = []
      const skipped: SkippedRecord[] = []
      for (const r of rows) {
        const id = str(r.reservationID)
        const status = mapReservationStatus('cloudbeds', str(r.status))
        const arrival = businessDay(r.startDate)
        const departure = businessDay(r.endDate)
        if (!id || !status || !arrival || !departure) {
          skipped.push({
            kind: 'reservation',
            externalId: id,
            reason: !status ? `unknown status "${String(r.status)}"` : 'missing reservationID or dates',
          })
          continue
        }
        const rooms = Array.isArray(r.rooms) ? (r.rooms as { roomID?: unknown }[]) : []
        records.push({
          externalId: id,
          roomExternalId: str(rooms[0]?.roomID),
          guestName: str(r.guestName),
          arrival,
          departure,
          status,
          changedAt: parseTime(r.dateModified),
        })
      }
      return { records, skipped, incremental: modifiedSince !== null }
    },
  }
}

/**
 * A Cloudbeds webhook: { event: 'reservation/status_changed' | 'housekeeping/room_condition_changed' | …, propertyID,
 * timestamp }.
 */
export function cloudbedsWebhook(payload: unknown): WebhookNotice {
  const body = (payload ?? {}) as { event?: unknown; propertyID?: unknown; propertyId?: unknown; timestamp?: unknown }
  const event = String(body.event ?? '')
  return {
    propertyId: str(body.propertyID ?? body.propertyId),
    rooms: event.startsWith('housekeeping/') || event.startsWith('room'),
    reservations: event.startsWith('reservation/'),
    eventAt: parseTime(body.timestamp),
  }
}
