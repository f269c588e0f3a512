// Local stand-ins for the three PMS vendors' APIs, speaking the documented request and response
// shapes the production connectors use: Mews Connector API (POST JSON with tokens, cursor paging),
// Cloudbeds API v1.2 (GET with propertyID, API key or bearer, page paging, success envelopes) and
// OPERA Cloud through OHIP (client-credentials token that expires, x-app-key, x-hotelid, limit /
// offset / hasMore). Knobs make them answer 429 with Retry-After, fail with 500, expire tokens and
// send malformed records; every request is recorded for assertions.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

export interface FakeRoom {
  id: string
  number: string
  state: string
  occupied?: boolean
  floor?: number
  type?: string
  updatedAt: string
}
export interface FakeReservation {
  id: string
  roomId: string | null
  guestFirst: string
  guestLast: string
  state: string
  arrival: string
  departure: string
  updatedAt: string
}
export interface Recorded {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: string
  at: number
}

export interface FakePms {
  url: string
  requests: Recorded[]
  rooms: FakeRoom[]
  reservations: FakeReservation[]
  /** Raw extra records sent as they are (malformed on purpose). */
  junkRooms: unknown[]
  junkReservations: unknown[]
  knobs: {
    tooManyRequests: number
    retryAfter: string
    serverErrors: number
    latencyMs: number
    echoRejects: number
    failPaths: string[]
    /** Requests answered by closing the socket without a response (a dropped connection). */
    drops: number
    /** Requests never answered (the caller's timeout has to give up on them). */
    hangs: number
    /** The status `serverErrors` answer with (503 unless set). */
    errorStatus: number
  }
  /** OPERA: make every issued token invalid (as when it expires). */
  expireTokens(): void
  tokensIssued: number
  close(): Promise<void>
}

export const FAKE_CREDENTIALS = {
  mews: { clientToken: 'mews-client-token-E2E', accessToken: 'mews-access-token-E2E' },
  cloudbeds: { propertyId: '4242', apiKey: 'cbat_fake_api_key_1234' },
  opera: { hotelId: 'OMO01', clientId: 'opera-client', clientSecret: 'opera-secret-xyz', appKey: 'opera-app-key-123' },
} as const

const now = () => new Date().toISOString()

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startFakePms(
  vendor: 'mews' | 'cloudbeds' | 'opera',
  seed: { rooms?: FakeRoom[]; reservations?: FakeReservation[] } = {},
): Promise<FakePms> {
  const tokens = new Map<string, number>()
  const fake: FakePms = {
    url: '',
    requests: [],
    rooms: seed.rooms ?? [],
    reservations: seed.reservations ?? [],
    junkRooms: [],
    junkReservations: [],
    knobs: {
      tooManyRequests: 0,
      retryAfter: '1',
      serverErrors: 0,
      latencyMs: 0,
      echoRejects: 0,
      failPaths: [],
      drops: 0,
      hangs: 0,
      errorStatus: 503,
    },
    tokensIssued: 0,
    expireTokens: () => tokens.clear(),
    close: async () => {},
  }

  const page = <T>(items: T[], offset: number, limit: number) => items.slice(offset, offset + limit)

  function mews(path: string, body: Record<string, unknown>, res: ServerResponse) {
    if (
      body.ClientToken !== FAKE_CREDENTIALS.mews.clientToken ||
      body.AccessToken !== FAKE_CREDENTIALS.mews.accessToken
    )
      return send(res, 401, { Message: 'Invalid ClientToken or AccessToken.' })
    const limitation = (body.Limitation ?? {}) as { Count?: number; Cursor?: string }
    const count = Number(limitation.Count ?? 100)
    const from = limitation.Cursor ? Number(Buffer.from(limitation.Cursor, 'base64url').toString()) : 0
    const cursorAfter = (total: number) =>
      from + count < total ? Buffer.from(String(from + count)).toString('base64url') : null
    if (path === 'configuration/get')
      return send(res, 200, { Enterprise: { Id: 'ent-omotenasu-1', Name: 'Mews Test Ryokan' } })
    if (path === 'resources/getAll') {
      const all = [
        ...fake.rooms.map((r) => ({
          Id: r.id,
          Name: r.number,
          State: r.state,
          IsActive: true,
          UpdatedUtc: r.updatedAt,
          Data: { Discriminator: 'Space', Value: { FloorNumber: String(r.floor ?? '') } },
        })),
        ...fake.junkRooms,
      ]
      return send(res, 200, { Resources: page(all, from, count), Cursor: cursorAfter(all.length) })
    }
    if (path === 'reservations/getAll/2023-06-06') {
      const window = body.UpdatedUtc as { StartUtc: string; EndUtc: string } | undefined
      const all = [
        ...fake.reservations
          .filter((r) => !window || (r.updatedAt >= window.StartUtc && r.updatedAt <= window.EndUtc))
          .map((r) => ({
            Id: r.id,
            State: r.state,
            AssignedResourceId: r.roomId,
            ScheduledStartUtc: `${r.arrival}T06:00:00Z`,
            ScheduledEndUtc: `${r.departure}T02:00:00Z`,
            AccountId: `cust-${r.id}`,
            UpdatedUtc: r.updatedAt,
          })),
        ...fake.junkReservations,
      ]
      return send(res, 200, { Reservations: page(all, from, count), Cursor: cursorAfter(all.length) })
    }
    if (path === 'customers/getAll') {
      const ids = new Set((body.CustomerIds ?? []) as string[]) // a Set: 20,000 reservations × 1,000 ids
      const all = fake.reservations
        .filter((r) => ids.has(`cust-${r.id}`))
        .map((r) => ({ Id: `cust-${r.id}`, FirstName: r.guestFirst, LastName: r.guestLast }))
      return send(res, 200, { Customers: page(all, from, count), Cursor: cursorAfter(all.length) })
    }
    return send(res, 404, { Message: `Unknown operation ${path}` })
  }

  function cloudbeds(path: string, query: URLSearchParams, headers: IncomingMessage['headers'], res: ServerResponse) {
    const authorized =
      headers['x-api-key'] === FAKE_CREDENTIALS.cloudbeds.apiKey || headers.authorization === 'Bearer cb-oauth-token'
    if (!authorized) return send(res, 401, { success: false, message: 'Unauthorized' })
    if (query.get('propertyID') !== FAKE_CREDENTIALS.cloudbeds.propertyId)
      return send(res, 200, { success: false, message: 'Invalid propertyID' })
    const size = Number(query.get('pageSize') ?? 20)
    const offset = (Number(query.get('pageNumber') ?? 1) - 1) * size
    if (path === 'getHotelDetails')
      return send(res, 200, {
        success: true,
        data: { propertyID: FAKE_CREDENTIALS.cloudbeds.propertyId, propertyName: 'Cloudbeds Test Inn' },
      })
    if (path === 'getHousekeepingStatus') {
      const all = [
        ...fake.rooms.map((r) => ({
          roomID: r.id,
          roomName: r.number,
          roomTypeName: r.type ?? 'Standard',
          roomCondition: r.state,
          roomOccupied: Boolean(r.occupied),
          dateModified: r.updatedAt.slice(0, 19).replace('T', ' '),
        })),
        ...fake.junkRooms,
      ]
      return send(res, 200, {
        success: true,
        data: page(all, offset, size),
        count: page(all, offset, size).length,
        total: all.length,
      })
    }
    if (path === 'getReservations') {
      const from = query.get('modifiedFrom')
      const to = query.get('modifiedTo')
      const stamp = (r: FakeReservation) => r.updatedAt.slice(0, 19).replace('T', ' ')
      const all = [
        ...fake.reservations
          .filter((r) => (!from || stamp(r) >= from) && (!to || stamp(r) <= to))
          .map((r) => ({
            reservationID: r.id,
            status: r.state,
            guestName: `${r.guestLast} ${r.guestFirst}`,
            startDate: r.arrival,
            endDate: r.departure,
            dateModified: stamp(r),
            rooms: r.roomId ? [{ roomID: r.roomId }] : [],
          })),
        ...fake.junkReservations,
      ]
      return send(res, 200, {
        success: true,
        data: page(all, offset, size),
        count: page(all, offset, size).length,
        total: all.length,
      })
    }
    return send(res, 404, { success: false, message: 'Unknown method' })
  }

  function opera(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: IncomingMessage['headers'],
    body: string,
    res: ServerResponse,
  ) {
    const c = FAKE_CREDENTIALS.opera
    if (method === 'POST' && path === 'oauth/v1/tokens') {
      const basic = `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`
      const form = new URLSearchParams(body)
      if (
        headers.authorization !== basic ||
        headers['x-app-key'] !== c.appKey ||
        form.get('grant_type') !== 'client_credentials'
      )
        return send(res, 401, { title: 'Unauthorized', status: 401 })
      const token = randomBytes(12).toString('hex')
      tokens.set(token, Date.now() + 3_600_000)
      fake.tokensIssued++
      return send(res, 200, { access_token: token, expires_in: 3600, token_type: 'Bearer' })
    }
    const bearer = String(headers.authorization ?? '').replace(/^Bearer /, '')
    if (!tokens.has(bearer) || headers['x-app-key'] !== c.appKey)
      return send(res, 401, { title: 'Token expired or invalid', status: 401 })
    if (headers['x-hotelid'] !== c.hotelId) return send(res, 403, { title: 'Hotel not permitted', status: 403 })
    const limit = Number(query.get('limit') ?? 20)
    const offset = Number(query.get('offset') ?? 0)
    if (path === `hsk/v1/hotels/${c.hotelId}/housekeepingOverview`) {
      // In OPERA a room's id is its number.
      const all = [
        ...fake.rooms.map((r) => ({
          roomId: r.number,
          floor: r.floor,
          roomType: { roomType: r.type ?? 'STD' },
          housekeeping: {
            housekeepingRoomStatus: { housekeepingRoomStatus: r.state },
            frontOfficeStatus: r.occupied ? 'Occupied' : 'Vacant',
          },
        })),
        ...fake.junkRooms,
      ]
      const rows = page(all, offset, limit)
      return send(res, 200, {
        housekeepingRoomInfo: { housekeepingRooms: { room: rows } },
        hasMore: offset + rows.length < all.length,
        totalResults: all.length,
        offset,
        limit,
      })
    }
    if (path === `rsv/v1/hotels/${c.hotelId}/reservations`) {
      const all = [
        ...fake.reservations.map((r) => ({
          reservationIdList: [
            { id: r.id, type: 'Reservation' },
            { id: `C${r.id}`, type: 'Confirmation' },
          ],
          reservationStatus: r.state,
          roomStay: {
            arrivalDate: r.arrival,
            departureDate: r.departure,
            roomId: fake.rooms.find((room) => room.id === r.roomId)?.number ?? null,
          },
          reservationGuest: { givenName: r.guestFirst, surname: r.guestLast },
          lastModifyDateTime: r.updatedAt,
        })),
        ...fake.junkReservations,
      ]
      const rows = page(all, offset, limit)
      return send(res, 200, {
        reservations: { reservationInfo: rows },
        hasMore: offset + rows.length < all.length,
        totalResults: all.length,
      })
    }
    return send(res, 404, { title: 'Not found', status: 404 })
  }

  const server = createServer(async (req, res) => {
    const arrived = Date.now()
    const url = new URL(req.url ?? '/', 'http://fake')
    const body = await readBody(req)
    const path = url.pathname.replace(/^\//, '')
    fake.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      at: arrived,
    })
    // a vendor across the internet
    if (fake.knobs.latencyMs) await new Promise((r) => setTimeout(r, fake.knobs.latencyMs))
    if (fake.knobs.tooManyRequests > 0) {
      fake.knobs.tooManyRequests--
      return send(res, 429, { message: 'Too many requests' }, { 'retry-after': fake.knobs.retryAfter })
    }
    // A careless vendor error that repeats the request (and so the credentials) back to us.
    if (fake.knobs.echoRejects > 0) {
      fake.knobs.echoRejects--
      return send(res, 400, {
        message: `Bad request: ${body} ${req.headers.authorization ?? ''} ${req.headers['x-api-key'] ?? ''}`,
      })
    }
    if (fake.knobs.drops > 0) {
      fake.knobs.drops--
      return req.socket.destroy()
    }
    if (fake.knobs.hangs > 0) {
      fake.knobs.hangs--
      return // no answer; closeAllConnections ends it
    }
    if (fake.knobs.failPaths.some((p) => url.pathname.includes(p)))
      return send(res, fake.knobs.errorStatus, { message: 'Service unavailable' })
    if (fake.knobs.serverErrors > 0) {
      fake.knobs.serverErrors--
      return send(res, fake.knobs.errorStatus, { message: 'Service unavailable' })
    }
    if (vendor === 'mews') {
      if (req.method !== 'POST' || !path.startsWith('api/connector/v1/'))
        return send(res, 404, { Message: 'Not found' })
      let json: Record<string, unknown>
      try {
        json = JSON.parse(body || '{}')
      } catch {
        return send(res, 400, { Message: 'Invalid JSON' })
      }
      return mews(path.slice('api/connector/v1/'.length), json, res)
    }
    if (vendor === 'cloudbeds') {
      if (req.method !== 'GET' || !path.startsWith('api/v1.2/')) return send(res, 404, { success: false })
      return cloudbeds(path.slice('api/v1.2/'.length), url.searchParams, req.headers, res)
    }
    return opera(req.method ?? 'GET', path, url.searchParams, req.headers, body, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  fake.url = `http://127.0.0.1:${address.port}`
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return fake
}

/** A small hotel: six rooms in several states, three stays (one in house, one arriving, one cancelled). */
export function demoProperty(vendor: 'mews' | 'cloudbeds' | 'opera', today: string) {
  const state = (s: 'clean' | 'dirty' | 'inspected' | 'ooo' | 'oos') =>
    ({
      mews: { clean: 'Clean', dirty: 'Dirty', inspected: 'Inspected', ooo: 'OutOfOrder', oos: 'OutOfService' },
      cloudbeds: { clean: 'clean', dirty: 'dirty', inspected: 'inspected', ooo: 'out_of_order', oos: 'out_of_service' },
      opera: { clean: 'Clean', dirty: 'Dirty', inspected: 'Inspected', ooo: 'OutOfOrder', oos: 'OutOfService' },
    })[vendor][s]
  const res = (s: 'in' | 'confirmed' | 'cancelled') =>
    ({
      mews: { in: 'Started', confirmed: 'Confirmed', cancelled: 'Canceled' },
      cloudbeds: { in: 'checked_in', confirmed: 'confirmed', cancelled: 'canceled' },
      opera: { in: 'InHouse', confirmed: 'Reserved', cancelled: 'Cancelled' },
    })[vendor][s]
  const t = now()
  const tomorrow = new Date(new Date(today).getTime() + 86_400_000).toISOString().slice(0, 10)
  const yesterday = new Date(new Date(today).getTime() - 86_400_000).toISOString().slice(0, 10)
  const rooms: FakeRoom[] = [
    { id: 'r-101', number: '101', state: state('clean'), floor: 1, updatedAt: t },
    { id: 'r-102', number: '102', state: state('dirty'), floor: 1, updatedAt: t },
    { id: 'r-103', number: '103', state: state('inspected'), floor: 1, updatedAt: t },
    { id: 'r-201', number: '201', state: state('clean'), floor: 2, occupied: true, updatedAt: t },
    { id: 'r-202', number: '202', state: state('ooo'), floor: 2, updatedAt: t },
    { id: 'r-203', number: '203', state: state('oos'), floor: 2, updatedAt: t },
  ]
  const reservations: FakeReservation[] = [
    {
      id: 'res-1',
      roomId: 'r-201',
      guestFirst: '花子',
      guestLast: '山田',
      state: res('in'),
      arrival: yesterday,
      departure: tomorrow,
      updatedAt: t,
    },
    {
      id: 'res-2',
      roomId: 'r-101',
      guestFirst: 'John',
      guestLast: 'Smith',
      state: res('confirmed'),
      arrival: today,
      departure: tomorrow,
      updatedAt: t,
    },
    {
      id: 'res-3',
      roomId: 'r-102',
      guestFirst: '次郎',
      guestLast: '佐藤',
      state: res('cancelled'),
      arrival: today,
      departure: tomorrow,
      updatedAt: t,
    },
  ]
  return { rooms, reservations }
}
