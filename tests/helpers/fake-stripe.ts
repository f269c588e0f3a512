// A local stand-in for api.stripe.com that speaks the documented shapes the gateway uses
// (form-encoded requests, JSON objects with id/object, list envelopes, Idempotency-Key replay)
// and records every request for assertions. The code under test is the production gateway.
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'

export interface RecordedRequest { method: string; path: string; query: URLSearchParams; form: Record<string, string>; idempotencyKey: string | undefined; authorization: string | undefined }

export interface FakeStripe {
  url: string
  requests: RecordedRequest[]
  objects: Map<string, Record<string, unknown>>
  close: () => Promise<void>
}

const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`

/** `a[b][0][c]=1` → nested objects, as Stripe reads its form bodies. */
function nest(form: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(form)) {
    const parts = key.replace(/\]/g, '').split('[')
    let node: Record<string, unknown> = root
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value
      else node = (node[part] ??= {}) as Record<string, unknown>
    })
  }
  return root
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: RecordedRequest[] = []
  const objects = new Map<string, Record<string, unknown>>()
  const idempotent = new Map<string, string>()

  function create(prefix: string, object: string, fields: Record<string, unknown>) {
    const created = { id: newId(prefix), object, created: Math.floor(Date.now() / 1000), livemode: false, ...fields }
    objects.set(created.id, created)
    return created
  }

  function route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): [number, unknown] {
    const seg = path.replace(/^\/v1\//, '').split('/')
    if (method === 'POST' && seg[0] === 'customers' && seg.length === 1) return [200, create('cus', 'customer', { name: body.name, email: body.email, metadata: body.metadata ?? {} })]
    if (method === 'POST' && seg[0] === 'tax_rates') return [200, create('txr', 'tax_rate', { percentage: Number(body.percentage), inclusive: body.inclusive === 'true', country: body.country, display_name: body.display_name })]
    if (method === 'GET' && seg[0] === 'prices') {
      const keys = query.getAll('lookup_keys[0]').concat(query.getAll('lookup_keys[]'))
      const data = [...objects.values()].filter((o) => o.object === 'price' && keys.includes(String(o.lookup_key)))
      return [200, { object: 'list', data, has_more: false, url: '/v1/prices' }]
    }
    if (method === 'POST' && seg[0] === 'prices') {
      const recurring = body.recurring as Record<string, string>
      return [200, create('price', 'price', { currency: body.currency, unit_amount: Number(body.unit_amount), lookup_key: body.lookup_key, active: true, recurring: { interval: recurring.interval, interval_count: Number(recurring.interval_count) }, metadata: body.metadata ?? {} })]
    }
    if (method === 'POST' && seg[0] === 'subscriptions' && seg.length === 1) {
      const items = Object.values((body.items ?? {}) as Record<string, { price: string }>)
      return [200, create('sub', 'subscription', { customer: body.customer, status: 'active', collection_method: body.collection_method, metadata: body.metadata ?? {}, items: { object: 'list', data: items.map((i) => ({ id: newId('si'), object: 'subscription_item', price: objects.get(i.price) ?? { id: i.price } })) } })]
    }
    if (method === 'POST' && seg[0] === 'subscriptions' && seg[1]) {
      const sub = objects.get(seg[1])
      if (!sub) return [404, { error: { type: 'invalid_request_error', message: `No such subscription: '${seg[1]}'` } }]
      Object.assign(sub, { discounts: Object.values((body.discounts ?? {}) as Record<string, unknown>), metadata: { ...(sub.metadata as object), ...(body.metadata as object ?? {}) } })
      return [200, sub]
    }
    if (method === 'POST' && seg[0] === 'coupons') return [200, create('coupon', 'coupon', { percent_off: Number(body.percent_off), duration: body.duration, duration_in_months: Number(body.duration_in_months), name: body.name, valid: true })]
    if (method === 'POST' && seg[0] === 'refunds') return [200, create('re', 'refund', { payment_intent: body.payment_intent, amount: body.amount ? Number(body.amount) : 32_780, currency: 'jpy', status: 'succeeded', metadata: body.metadata ?? {} })]
    return [404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` } }]
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake')
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, form, idempotencyKey, authorization: req.headers.authorization })
      const replayKey = idempotencyKey && `${req.method} ${url.pathname} ${idempotencyKey}`
      let status = 200
      let payload = replayKey ? idempotent.get(replayKey) : undefined
      if (!payload) {
        const [s, body] = route(req.method ?? 'GET', url.pathname, url.searchParams, nest(form))
        status = s
        payload = JSON.stringify(body)
        if (replayKey && status === 200) idempotent.set(replayKey, payload)
      }
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req') })
      res.end(payload)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { url: `http://127.0.0.1:${port}`, requests, objects, close: () => new Promise((r) => server.close(() => r())) }
}
