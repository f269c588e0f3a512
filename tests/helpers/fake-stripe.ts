// A local stand-in for api.stripe.com that speaks the documented shapes the gateway uses
// (form-encoded requests, JSON objects with id/object, list envelopes, Idempotency-Key replay)
// and records every request for assertions. The code under test is the production gateway.
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  form: Record<string, string>
  idempotencyKey: string | undefined
  /** When it arrived (ms since the epoch). */
  at: number
  authorization: string | undefined
}

export interface FakeStripe {
  url: string
  requests: RecordedRequest[]
  objects: Map<string, Record<string, unknown>>
  /**
   * Stripe bills the subscription's next period: a finalized invoice (lines, discounts, 10% tax) as Stripe computes it;
   * `pay` also pays it (payment intent, charge, invoice payment).
   */
  billSubscription: (
    subscriptionId: string,
    options?: { periodStart?: number; pay?: boolean },
  ) => Record<string, unknown>
  /** An event as Stripe delivers it, with the object as of now. */
  event: (type: string, object: Record<string, unknown>) => Record<string, unknown>
  /**
   * The next request to `path` fails with `status`, or has its connection dropped ('drop') or is never
   * answered ('hang'); `afterProcessing` processes it first (a lost response).
   */
  failNext: (path: string, status?: number | 'drop' | 'hang', options?: { afterProcessing?: boolean }) => void
  close: () => Promise<void>
}

const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`

/** Whole calendar months later on the Tokyo calendar, as Stripe advances a billing period anchored there. */
function addMonthsUnix(unix: number, months: number): number {
  const tokyo = 9 * 3600
  const d = new Date((unix + tokyo) * 1000)
  d.setUTCMonth(d.getUTCMonth() + months)
  return Math.floor(d.getTime() / 1000) - tokyo
}

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
    const created: Record<string, unknown> & { id: string } = {
      id: newId(prefix),
      object,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      ...fields,
    }
    objects.set(created.id, created)
    return created
  }

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): [number, unknown] {
    const seg = path.replace(/^\/v1\//, '').split('/')
    if (method === 'POST' && seg[0] === 'customers' && seg.length === 1)
      return [200, create('cus', 'customer', { name: body.name, email: body.email, metadata: body.metadata ?? {} })]
    if (method === 'POST' && seg[0] === 'customers' && seg[2] === 'balance_transactions') {
      const customer = objects.get(seg[1]!)
      if (!customer) return [404, { error: { type: 'invalid_request_error', message: 'No such customer' } }]
      const amount = Number(body.amount)
      customer.balance = Number(customer.balance ?? 0) + amount
      return [
        200,
        create('cbtxn', 'customer_balance_transaction', {
          customer: seg[1],
          amount,
          currency: body.currency,
          description: body.description,
          ending_balance: customer.balance,
        }),
      ]
    }
    if (method === 'POST' && seg[0] === 'tax_rates')
      return [
        200,
        create('txr', 'tax_rate', {
          percentage: Number(body.percentage),
          inclusive: body.inclusive === 'true',
          country: body.country,
          display_name: body.display_name,
        }),
      ]
    if (method === 'GET' && seg[0] === 'prices') {
      const keys = query.getAll('lookup_keys[0]').concat(query.getAll('lookup_keys[]'))
      const data = [...objects.values()].filter((o) => o.object === 'price' && keys.includes(String(o.lookup_key)))
      return [200, { object: 'list', data, has_more: false, url: '/v1/prices' }]
    }
    if (method === 'POST' && seg[0] === 'prices') {
      const recurring = body.recurring as Record<string, string>
      return [
        200,
        create('price', 'price', {
          currency: body.currency,
          unit_amount: Number(body.unit_amount),
          lookup_key: body.lookup_key,
          active: true,
          recurring: { interval: recurring.interval, interval_count: Number(recurring.interval_count) },
          metadata: body.metadata ?? {},
        }),
      ]
    }
    if (method === 'POST' && seg[0] === 'subscriptions' && seg.length === 1) {
      const items = Object.values((body.items ?? {}) as Record<string, { price: string }>)
      const price = objects.get(items[0]!.price) as { recurring?: { interval_count: number } } | undefined
      const start = Math.floor(Date.now() / 1000)
      return [
        200,
        create('sub', 'subscription', {
          customer: body.customer,
          status: 'active',
          collection_method: body.collection_method,
          metadata: body.metadata ?? {},
          discounts: [],
          schedule: null,
          default_tax_rates: Object.values((body.default_tax_rates ?? {}) as Record<string, string>),
          current_period: { start, end: addMonthsUnix(start, price?.recurring?.interval_count ?? 1) },
          items: {
            object: 'list',
            data: items.map((i) => ({
              id: newId('si'),
              object: 'subscription_item',
              quantity: 1,
              price: objects.get(i.price) ?? { id: i.price },
            })),
          },
        }),
      ]
    }
    if (method === 'GET' && seg[0] === 'subscriptions' && seg[1]) {
      const sub = objects.get(seg[1])
      if (!sub) return [404, { error: { type: 'invalid_request_error', message: `No such subscription: '${seg[1]}'` } }]
      const expand = query.getAll('expand[]').concat(query.getAll('expand[0]'))
      return [
        200,
        expand.some((e) => e.startsWith('discounts'))
          ? { ...sub, discounts: (sub.discounts as string[]).map(expandDiscount) }
          : sub,
      ]
    }
    if (method === 'POST' && seg[0] === 'subscriptions' && seg[1]) {
      const sub = objects.get(seg[1])
      if (!sub) return [404, { error: { type: 'invalid_request_error', message: `No such subscription: '${seg[1]}'` } }]
      if (body.discounts !== undefined) {
        // Stripe: `discounts` replaces the list; `{ discount }` keeps an existing one, `{ coupon }` adds a new one.
        const asked = Object.values((body.discounts ?? {}) as Record<string, { coupon?: string; discount?: string }>)
        const coupons = asked.map((d) =>
          d.discount
            ? (objects.get(d.discount) as { source: { coupon: string } } | undefined)?.source.coupon
            : d.coupon,
        )
        if (new Set(coupons).size !== coupons.length)
          return [
            400,
            {
              error: {
                type: 'invalid_request_error',
                code: 'coupon_already_applied',
                message: 'The same coupon cannot be applied twice to one subscription.',
              },
            },
          ]
        sub.discounts = asked.map(
          (d) =>
            d.discount ??
            create('di', 'discount', {
              source: { type: 'coupon', coupon: d.coupon },
              subscription: sub.id,
              start: Math.floor(Date.now() / 1000),
              end: null,
            }).id,
        )
      }
      sub.metadata = { ...(sub.metadata as object), ...((body.metadata as object) ?? {}) }
      if (body.cancel_at_period_end !== undefined) sub.cancel_at_period_end = body.cancel_at_period_end === 'true'
      return [200, sub]
    }
    if (method === 'POST' && seg[0] === 'subscription_schedules' && seg.length === 1) {
      const sub = objects.get(String(body.from_subscription))
      if (!sub)
        return [
          404,
          {
            error: {
              type: 'invalid_request_error',
              message: `No such subscription: '${String(body.from_subscription)}'`,
            },
          },
        ]
      if (sub.schedule)
        return [
          400,
          {
            error: {
              type: 'invalid_request_error',
              message:
                `You cannot migrate a subscription that is already attached to a schedule: ` +
                `\`${String(sub.schedule)}\`.`,
            },
          },
        ]
      const period = sub.current_period as { start: number; end: number }
      const items = (sub.items as { data: { price: { id: string }; quantity: number }[] }).data.map((i) => ({
        price: i.price.id,
        quantity: i.quantity,
      }))
      const schedule = create('sub_sched', 'subscription_schedule', {
        subscription: sub.id,
        customer: sub.customer,
        status: 'active',
        end_behavior: 'release',
        current_phase: period,
        phases: [
          {
            start_date: period.start,
            end_date: period.end,
            items,
            discounts: (sub.discounts as string[]).map((id) => ({ discount: id, coupon: null })),
            metadata: {},
          },
        ],
      })
      sub.schedule = schedule.id
      return [200, schedule]
    }
    if (seg[0] === 'subscription_schedules' && seg[1]) {
      const schedule = objects.get(seg[1])
      if (!schedule)
        return [
          404,
          { error: { type: 'invalid_request_error', message: `No such subscription schedule: '${seg[1]}'` } },
        ]
      if (method === 'GET') return [200, schedule]
      if (schedule.status !== 'active')
        return [
          400,
          {
            error: {
              type: 'invalid_request_error',
              message:
                `You cannot update a subscription schedule that is currently in the ` +
                `\`${String(schedule.status)}\` status.`,
            },
          },
        ]
      if (seg[2] === 'release') {
        Object.assign(schedule, { status: 'released', released_subscription: schedule.subscription })
        objects.get(String(schedule.subscription))!.schedule = null
        return [200, schedule]
      }
      const phases = Object.values((body.phases ?? {}) as Record<string, Record<string, unknown>>).map((p) => ({
        ...p,
        items: Object.values(p.items as object),
        discounts: Object.values((p.discounts ?? {}) as object),
        default_tax_rates: Object.values((p.default_tax_rates ?? {}) as object),
        start_date: p.start_date ? Number(p.start_date) : undefined,
        end_date: p.end_date ? Number(p.end_date) : undefined,
      }))
      Object.assign(schedule, {
        phases,
        end_behavior: body.end_behavior ?? schedule.end_behavior,
        proration_behavior: body.proration_behavior,
      })
      return [200, schedule]
    }
    if (method === 'POST' && seg[0] === 'coupons')
      return [
        200,
        create('coupon', 'coupon', {
          percent_off: Number(body.percent_off),
          duration: body.duration,
          duration_in_months: Number(body.duration_in_months),
          name: body.name,
          valid: true,
          metadata: body.metadata ?? {},
        }),
      ]
    if (method === 'POST' && seg[0] === 'refunds') {
      const intent = objects.get(String(body.payment_intent))
      if (!intent)
        return [
          404,
          {
            error: {
              type: 'invalid_request_error',
              code: 'resource_missing',
              message: `No such payment_intent: '${String(body.payment_intent)}'`,
            },
          },
        ]
      const charge = objects.get(String(intent.latest_charge))!
      const amount = body.amount ? Number(body.amount) : Number(charge.amount) - Number(charge.amount_refunded)
      if (amount <= 0 || Number(charge.amount_refunded) + amount > Number(charge.amount))
        return [
          400,
          {
            error: {
              type: 'invalid_request_error',
              code: 'charge_already_refunded',
              message: `Charge ${String(charge.id)} has already been refunded.`,
            },
          },
        ]
      const refund = create('re', 'refund', {
        payment_intent: intent.id,
        charge: charge.id,
        amount,
        currency: 'jpy',
        status: 'succeeded',
        metadata: body.metadata ?? {},
      })
      charge.amount_refunded = Number(charge.amount_refunded) + amount
      charge.refunded = charge.amount_refunded === charge.amount
      charge.refunds = {
        object: 'list',
        data: [refund, ...(charge.refunds as { data: unknown[] }).data],
        has_more: false,
      }
      return [200, refund]
    }
    if (method === 'GET' && seg[0] === 'invoice_payments') {
      const data = [...objects.values()].filter(
        (o) => o.object === 'invoice_payment' && o.invoice === query.get('invoice'),
      )
      return [200, { object: 'list', data, has_more: false, url: '/v1/invoice_payments' }]
    }
    return [
      404,
      { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` } },
    ]
  }

  function expandDiscount(id: string) {
    const discount = objects.get(id)!
    const source = discount.source as { coupon: string }
    return { ...discount, source: { ...source, coupon: objects.get(source.coupon) ?? source.coupon } }
  }

  /** The price of the phase in force at `at` (a schedule's later phase once it starts), else the subscription's. */
  function priceAt(sub: Record<string, unknown>, at: number) {
    const schedule = sub.schedule ? objects.get(String(sub.schedule)) : null
    const phases = (schedule?.phases ?? []) as {
      start_date?: number
      end_date?: number
      items: { price: string }[]
      metadata?: Record<string, string>
    }[]
    let start = phases[0]?.start_date ?? 0
    for (const p of phases) {
      const end = p.end_date ?? Infinity
      if (start <= at && at < end) return { price: objects.get(p.items[0]!.price)!, metadata: p.metadata ?? {} }
      if (p.end_date) start = p.end_date
      else start = Infinity
    }
    return { price: (sub.items as { data: { price: Record<string, unknown> }[] }).data[0]!.price, metadata: {} }
  }

  function billSubscription(subscriptionId: string, options: { periodStart?: number; pay?: boolean } = {}) {
    const sub = objects.get(subscriptionId)!
    const period = sub.current_period as { start: number; end: number }
    const periodStart = options.periodStart ?? period.start
    const { price, metadata } = priceAt(sub, periodStart)
    const months = (price.recurring as { interval_count: number }).interval_count
    const periodEnd = addMonthsUnix(periodStart, months)
    if (Object.keys(metadata).length) sub.metadata = { ...(sub.metadata as object), ...metadata }
    const amount = Number(price.unit_amount)
    // Stripe applies each percentage discount to what is left, rounding to the yen; tax (exclusive) rounds too.
    let left = amount
    const discountAmounts = (sub.discounts as string[]).map((id) => {
      const coupon = objects.get((objects.get(id)!.source as { coupon: string }).coupon)!
      const off = Math.round((left * Number(coupon.percent_off)) / 100)
      left -= off
      return { amount: off, discount: id }
    })
    const taxRates = sub.default_tax_rates as string[]
    const taxable = left
    const taxes = taxRates.map((r) => ({
      amount: Math.round((taxable * Number(objects.get(r)!.percentage)) / 100),
      tax_behavior: 'exclusive',
      tax_rate_details: { tax_rate: r },
      taxability_reason: 'standard_rated',
      taxable_amount: taxable,
      type: 'tax_rate_details',
    }))
    const tax = taxes.reduce((s, t) => s + t.amount, 0)
    const now = Math.floor(Date.now() / 1000)
    const invoiceId = newId('in')
    const line = {
      id: newId('il'),
      object: 'line_item',
      amount,
      currency: 'jpy',
      description:
        `1 × ` +
        `${String((price as { product_data?: { name: string } }).product_data?.name ?? 'OmotenasuAI')} (at ` +
        `¥${amount} / ${months} months)`,
      discount_amounts: discountAmounts,
      discountable: true,
      discounts: [],
      invoice: invoiceId,
      livemode: false,
      metadata: {},
      parent: {
        type: 'subscription_item_details',
        subscription_item_details: {
          invoice_item: null,
          proration: false,
          proration_details: null,
          subscription: sub.id,
          subscription_item: (sub.items as { data: { id: string }[] }).data[0]!.id,
        },
        invoice_item_details: null,
      },
      period: { start: periodStart, end: periodEnd },
      pretax_credit_amounts: [],
      pricing: {
        type: 'price_details',
        price_details: { price: price.id, product: 'prod_x' },
        unit_amount_decimal: String(amount),
      },
      quantity: 1,
      subtotal: amount,
      taxes,
    }
    const invoice: Record<string, unknown> = {
      id: invoiceId,
      object: 'invoice',
      customer: sub.customer,
      status: 'open',
      currency: 'jpy',
      collection_method: sub.collection_method,
      billing_reason: 'subscription_cycle',
      created: now,
      due_date: now + 14 * 86_400,
      period_start: period.start,
      period_end: periodStart,
      lines: { object: 'list', data: [line], has_more: false, url: `/v1/invoices/${invoiceId}/lines` },
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { subscription: sub.id, metadata: { ...(sub.metadata as object) } },
      },
      subtotal: amount,
      subtotal_excluding_tax: amount,
      total_discount_amounts: discountAmounts,
      total_pretax_credit_amounts: [],
      total_excluding_tax: taxable,
      total_taxes: taxes,
      total: taxable + tax,
      amount_due: taxable + tax,
      amount_paid: 0,
      amount_remaining: taxable + tax,
      discounts: sub.discounts,
      status_transitions: { finalized_at: now, paid_at: null },
    }
    objects.set(invoiceId, invoice)
    sub.current_period = { start: periodStart, end: periodEnd }
    if (options.pay) {
      const intent = create('pi', 'payment_intent', { amount: invoice.total, currency: 'jpy', status: 'succeeded' })
      const charge = create('ch', 'charge', {
        amount: invoice.total,
        amount_refunded: 0,
        refunded: false,
        currency: 'jpy',
        payment_intent: intent.id,
        customer: sub.customer,
        paid: true,
        refunds: { object: 'list', data: [], has_more: false },
      })
      intent.latest_charge = charge.id
      create('inpay', 'invoice_payment', {
        invoice: invoiceId,
        amount_paid: invoice.total,
        amount_requested: invoice.total,
        currency: 'jpy',
        is_default: true,
        status: 'paid',
        payment: { type: 'payment_intent', payment_intent: intent.id },
        status_transitions: { paid_at: now, canceled_at: null },
      })
      Object.assign(invoice, {
        status: 'paid',
        amount_paid: invoice.total,
        amount_remaining: 0,
        status_transitions: { finalized_at: now, paid_at: now },
      })
    }
    return structuredClone(invoice)
  }

  let eventSeq = 0
  const event = (type: string, object: Record<string, unknown>) => ({
    id: newId('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    type,
    created: Math.floor(Date.now() / 1000) + eventSeq++,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: structuredClone(object) },
  })

  const failures: { path: string; status: number | 'drop' | 'hang'; afterProcessing: boolean }[] = []
  const failNext = (
    path: string,
    status: number | 'drop' | 'hang' = 500,
    options: { afterProcessing?: boolean } = {},
  ) => {
    failures.push({ path, status, afterProcessing: options.afterProcessing ?? false })
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake')
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        form,
        idempotencyKey,
        authorization: req.headers.authorization,
        at: Date.now(),
      })
      const replayKey = idempotencyKey && `${req.method} ${url.pathname} ${idempotencyKey}`
      let status = 200
      let payload = replayKey ? idempotent.get(replayKey) : undefined
      const failure = failures.findIndex((f) => f.path === url.pathname)
      const fail = failure >= 0 ? failures.splice(failure, 1)[0]! : null
      // A dropped connection closes the socket with no answer; a hung one is left open (close() ends it).
      const cut = (how: 'drop' | 'hang') => (how === 'drop' ? req.socket.destroy() : undefined)
      const cutOff = fail && typeof fail.status !== 'number' ? fail.status : null
      const failStatus = fail && typeof fail.status === 'number' ? fail.status : null
      if (cutOff && !fail!.afterProcessing) return cut(cutOff)
      if (failStatus && !fail!.afterProcessing) {
        res.writeHead(failStatus, { 'content-type': 'application/json', 'request-id': newId('req') })
        res.end(JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred (fake outage).' } }))
        return
      }
      if (!payload) {
        const [s, body] = route(req.method ?? 'GET', url.pathname, url.searchParams, nest(form))
        status = s
        payload = JSON.stringify(body)
        // Stripe stores the first result of a key, errors included, and replays it.
        if (replayKey && status < 500) idempotent.set(replayKey, payload)
      }
      if (cutOff) return cut(cutOff)
      if (failStatus) {
        // processed, but the response never arrives
        res.writeHead(failStatus, { 'content-type': 'application/json', 'request-id': newId('req') })
        res.end(
          JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred (fake lost response).' } }),
        )
        return
      }
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req') })
      res.end(payload)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    objects,
    billSubscription,
    event,
    failNext,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
