// Mews Connector API (https://mews-systems.gitbook.io/connector-api): every operation is a POST of
// JSON carrying ClientToken, AccessToken and Client; lists page with Limitation { Count, Cursor }.
// Published limit: 200 requests per AccessToken per 30 s — we stay at 150.
import { mapReservationStatus, mapRoomStatus } from '../../shared/domain/pms.ts'
import { createVendorHttp } from './http.ts'
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

export interface MewsCredentials {
  clientToken: string
  accessToken: string
}
const CLIENT = 'OmotenasuAI 1.0'
/** Mews's largest Limitation.Count: a 20,000-reservation hotel is 20 pages, inside the rate limit's burst. */
const PAGE = 1_000

export function mewsConnector(credentials: MewsCredentials, ctx: ConnectorContext): PmsConnector {
  const size = ctx.pageSize ?? PAGE
  const http = createVendorHttp({
    vendor: 'Mews',
    baseUrl: ctx.baseUrl,
    rateKey: ctx.rateKey,
    rate: { requests: 150, perMs: 30_000 },
    timeoutMs: ctx.timeoutMs,
    sleep: ctx.sleep,
    limiter: ctx.limiter,
  })
  const call = <T>(operation: string, body: Record<string, unknown> = {}) =>
    http.request<T>({
      method: 'POST',
      path: `api/connector/v1/${operation}`,
      json: { ClientToken: credentials.clientToken, AccessToken: credentials.accessToken, Client: CLIENT, ...body },
    })

  async function all<T>(operation: string, key: string, body: Record<string, unknown>): Promise<T[]> {
    const items: T[] = []
    let cursor: string | undefined
    for (let page = 0; page < 1_000; page++) {
      const reply = await call<Record<string, unknown>>(operation, {
        ...body,
        Limitation: { Count: size, ...(cursor ? { Cursor: cursor } : {}) },
      })
      const batch = Array.isArray(reply?.[key]) ? (reply[key] as T[]) : []
      items.push(...batch)
      const next = str(reply?.Cursor)
      if (!next || batch.length < size || next === cursor) break
      cursor = next
    }
    return items
  }

  return {
    vendor: 'mews',
    stats: http.stats,
    async verify() {
      const reply = await call<{ Enterprise?: { Id?: string; Name?: string } }>('configuration/get')
      const id = str(reply?.Enterprise?.Id)
      if (!id) throw new Error('Mews answered without an enterprise.')
      return { propertyId: id, propertyName: str(reply?.Enterprise?.Name) ?? id }
    },
    async rooms() {
      const resources = await all<Record<string, unknown>>('resources/getAll', 'Resources', {
        Extent: { Resources: true, Inactive: false },
      })
      const records: PmsRoomRecord[] = []
      const skipped: SkippedRecord[] = []
      for (const r of resources) {
        const id = str(r.Id)
        const name = str(r.Name)
        const status = mapRoomStatus('mews', str(r.State))
        if (!id || !name || !status) {
          skipped.push({
            kind: 'room',
            externalId: id,
            reason: !id || !name ? 'missing Id or Name' : `unknown state "${String(r.State)}"`,
          })
          continue
        }
        if (r.IsActive === false) continue
        const data = r.Data as { Value?: { FloorNumber?: unknown } } | undefined
        const floor = Number.parseInt(String(data?.Value?.FloorNumber ?? ''), 10)
        records.push({
          externalId: id,
          roomNumber: name,
          name: null,
          roomType: null,
          floor: Number.isFinite(floor) ? floor : null,
          status,
          changedAt: parseTime(r.UpdatedUtc),
        })
      }
      return { records, skipped }
    },
    async reservations(modifiedSince, until) {
      const filter = modifiedSince
        ? { UpdatedUtc: { StartUtc: modifiedSince.toISOString(), EndUtc: until.toISOString() } }
        : {
            CollidingUtc: {
              StartUtc: new Date(until.getTime() - 86_400_000).toISOString(),
              EndUtc: new Date(until.getTime() + 31 * 86_400_000).toISOString(),
            },
          }
      const rows = await all<Record<string, unknown>>('reservations/getAll/2023-06-06', 'Reservations', filter)
      const customerIds = [...new Set(rows.map((r) => str(r.AccountId)).filter((id): id is string => Boolean(id)))]
      const names = new Map<string, string>()
      for (let i = 0; i < customerIds.length; i += 1_000) {
        const customers = await all<Record<string, unknown>>('customers/getAll', 'Customers', {
          CustomerIds: customerIds.slice(i, i + 1_000),
          Extent: { Customers: true },
        })
        for (const c of customers)
          if (str(c.Id)) names.set(String(c.Id), [str(c.LastName), str(c.FirstName)].filter(Boolean).join(' '))
      }
      const records: PmsReservationRecord[] = []
      const skipped: SkippedRecord[] = []
      for (const r of rows) {
        const id = str(r.Id)
        const status = mapReservationStatus('mews', str(r.State))
        const arrival = businessDay(r.ScheduledStartUtc ?? r.StartUtc)
        const departure = businessDay(r.ScheduledEndUtc ?? r.EndUtc)
        if (!id || !status || !arrival || !departure) {
          skipped.push({
            kind: 'reservation',
            externalId: id,
            reason: !status ? `unknown state "${String(r.State)}"` : 'missing Id or dates',
          })
          continue
        }
        records.push({
          externalId: id,
          roomExternalId: str(r.AssignedResourceId),
          guestName: names.get(String(r.AccountId)) || null,
          arrival,
          departure,
          status,
          changedAt: parseTime(r.UpdatedUtc),
        })
      }
      return { records, skipped, incremental: modifiedSince !== null }
    },
  }
}

/** A Mews general webhook: { EnterpriseId, Events: [{ Discriminator, Value: { Id } }] }. */
export function mewsWebhook(payload: unknown): WebhookNotice {
  const body = (payload ?? {}) as { EnterpriseId?: unknown; Events?: { Discriminator?: unknown }[] }
  const kinds = Array.isArray(body.Events) ? body.Events.map((e) => String(e?.Discriminator ?? '')) : []
  return {
    propertyId: str(body.EnterpriseId),
    rooms: kinds.some((k) => k.startsWith('Resource')),
    reservations: kinds.some((k) => k.startsWith('ServiceOrder') || k.startsWith('Reservation')),
    eventAt: null,
  }
}
