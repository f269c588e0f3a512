// OPERA Cloud through OHIP (Oracle Hospitality Integration Platform): an OAuth client-credentials
// token from /oauth/v1/tokens (Basic clientId:clientSecret, x-app-key) that expires and is renewed
// before expiry or on 401; every call carries the bearer token, x-app-key and x-hotelid. Housekeeping
// from /hsk/v1, reservations from /rsv/v1, paged with limit / offset / hasMore. OPERA offers no
// modified-since filter on this read, so each pull reads the current window (a full sync).
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

export interface OperaCredentials {
  hotelId: string
  clientId: string
  clientSecret: string
  appKey: string
}
const PAGE = 200

export function operaConnector(credentials: OperaCredentials, ctx: ConnectorContext): PmsConnector {
  const size = ctx.pageSize ?? PAGE
  let token: { value: string; expiresAt: number } | null = null
  const tokenHttp = createVendorHttp({
    vendor: 'OPERA Cloud',
    baseUrl: ctx.baseUrl,
    rateKey: `${ctx.rateKey}:token`,
    rate: { requests: 5, perMs: 1_000 },
    timeoutMs: ctx.timeoutMs,
    sleep: ctx.sleep,
    limiter: ctx.limiter,
  })
  async function fetchToken() {
    const reply = await tokenHttp.request<{ access_token?: string; expires_in?: number }>({
      method: 'POST',
      path: 'oauth/v1/tokens',
      form: { grant_type: 'client_credentials', scope: 'urn:opc:hgbu:ws:__myscopes__' },
      headers: {
        authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
        'x-app-key': credentials.appKey,
      },
    })
    if (!reply?.access_token)
      throw new VendorError(
        'auth',
        'OPERA Cloud did not issue an access token. Check the client id, secret and application key.',
      )
    token = {
      value: reply.access_token,
      expiresAt: Date.now() + Math.max(60, Number(reply.expires_in ?? 3600) - 60) * 1000,
    }
  }
  const http = createVendorHttp({
    vendor: 'OPERA Cloud',
    baseUrl: ctx.baseUrl,
    rateKey: ctx.rateKey,
    rate: { requests: 8, perMs: 1_000 },
    timeoutMs: ctx.timeoutMs,
    sleep: ctx.sleep,
    limiter: ctx.limiter,
    headers: async () => {
      if (!token || token.expiresAt <= Date.now()) await fetchToken()
      return {
        authorization: `Bearer ${token!.value}`,
        'x-app-key': credentials.appKey,
        'x-hotelid': credentials.hotelId,
      }
    },
    reauthenticate: async () => {
      token = null
      await fetchToken()
      return true
    },
  })
  const hotel = encodeURIComponent(credentials.hotelId)

  async function all(
    path: string,
    query: Record<string, string | number | undefined>,
    pick: (reply: Record<string, unknown>) => unknown,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = []
    for (let offset = 0, page = 0; page < 1_000; page++) {
      const reply =
        (await http.request<Record<string, unknown>>({
          method: 'GET',
          path,
          query: { ...query, limit: size, offset },
        })) ?? {}
      const batch = pick(reply)
      const rows = Array.isArray(batch) ? (batch as Record<string, unknown>[]) : []
      items.push(...rows)
      if (reply.hasMore !== true || rows.length === 0) break
      offset += rows.length
    }
    return items
  }

  return {
    vendor: 'opera',
    get stats() {
      return {
        requests: http.stats.requests + tokenHttp.stats.requests,
        retries: http.stats.retries + tokenHttp.stats.retries,
        rateLimited: http.stats.rateLimited + tokenHttp.stats.rateLimited,
        reauthenticated: http.stats.reauthenticated,
      }
    },
    async verify() {
      await fetchToken()
      await http.request({ method: 'GET', path: `hsk/v1/hotels/${hotel}/housekeepingOverview`, query: { limit: 1 } })
      return { propertyId: credentials.hotelId, propertyName: credentials.hotelId }
    },
    async rooms() {
      const rows = await all(
        `hsk/v1/hotels/${hotel}/housekeepingOverview`,
        {},
        (r) =>
          (r.housekeepingRoomInfo as { housekeepingRooms?: { room?: unknown } } | undefined)?.housekeepingRooms?.room,
      )
      const records: PmsRoomRecord[] = []
      const skipped: SkippedRecord[] = []
      for (const r of rows) {
        const id = str(r.roomId)
        const hk = (r.housekeeping ?? {}) as {
          housekeepingRoomStatus?: { housekeepingRoomStatus?: unknown }
          frontOfficeStatus?: unknown
        }
        const raw = str(hk.housekeepingRoomStatus?.housekeepingRoomStatus)
        const status = mapRoomStatus('opera', raw, str(hk.frontOfficeStatus)?.toLowerCase() === 'occupied')
        if (!id || !status) {
          skipped.push({
            kind: 'room',
            externalId: id,
            reason: !id ? 'missing roomId' : `unknown housekeeping status "${String(raw)}"`,
          })
          continue
        }
        const floor = Number.parseInt(String(r.floor ?? ''), 10)
        records.push({
          externalId: id,
          roomNumber: id,
          name: null,
          roomType: str((r.roomType as { roomType?: unknown } | undefined)?.roomType),
          floor: Number.isFinite(floor) ? floor : null,
          status,
          changedAt: null,
        })
      }
      return { records, skipped }
    },
    async reservations(_modifiedSince, until) {
      const query = {
        arrivalEndDate: businessDay(new Date(until.getTime() + 31 * 86_400_000).toISOString())!,
        departureStartDate: businessDay(until.toISOString())!,
      }
      const rows = await all(
        `rsv/v1/hotels/${hotel}/reservations`,
        query,
        (r) => (r.reservations as { reservationInfo?: unknown } | undefined)?.reservationInfo,
      )
      const records: PmsReservationRecord[] = []
      const skipped: SkippedRecord[] = []
      for (const r of rows) {
        const ids = Array.isArray(r.reservationIdList)
          ? (r.reservationIdList as { id?: unknown; type?: unknown }[])
          : []
        const id = str((ids.find((x) => x.type === 'Reservation') ?? ids[0])?.id)
        const status = mapReservationStatus('opera', str(r.reservationStatus))
        const stay = (r.roomStay ?? {}) as { arrivalDate?: unknown; departureDate?: unknown; roomId?: unknown }
        const arrival = businessDay(stay.arrivalDate)
        const departure = businessDay(stay.departureDate)
        if (!id || !status || !arrival || !departure) {
          skipped.push({
            kind: 'reservation',
            externalId: id,
            reason: !status ? `unknown reservationStatus "${String(r.reservationStatus)}"` : 'missing id or stay dates',
          })
          continue
        }
        const guest = (r.reservationGuest ?? {}) as { surname?: unknown; givenName?: unknown }
        records.push({
          externalId: id,
          roomExternalId: str(stay.roomId),
          guestName: [str(guest.surname), str(guest.givenName)].filter(Boolean).join(' ') || null,
          arrival,
          departure,
          status,
          changedAt: parseTime(r.lastModifyDateTime),
        })
      }
      return { records, skipped, incremental: false }
    },
  }
}

/**
 * An OHIP business event: { hotelId, eventName: 'UPDATE RESERVATION' | 'CHECK IN' | 'UPDATE HOUSEKEEPING ROOM STATUS'
 * …, timestamp }.
 */
export function operaWebhook(payload: unknown): WebhookNotice {
  const body = (payload ?? {}) as { hotelId?: unknown; eventName?: unknown; timestamp?: unknown }
  const name = String(body.eventName ?? '').toUpperCase()
  return {
    propertyId: str(body.hotelId),
    rooms: name.includes('HOUSEKEEPING') || name.includes('ROOM STATUS'),
    reservations: name.includes('RESERVATION') || name.includes('CHECK'),
    eventAt: parseTime(body.timestamp),
  }
}
