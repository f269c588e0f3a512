// Stripe (the local fake) dropping the connection, losing its answer after doing the work, or never
// answering, while a hotel's customer and subscription are created (services/stripe-sync.ts, with the
// SDK's retries on as at Stripe: 2, each attempt limited to 1 s here). A passing fault is retried with
// backoff under the same idempotency key, so Stripe holds one customer and one subscription; a lasting
// one gives up after three attempts (0.5 s, then 0.5–1 s apart) and records nothing, and the next
// try creates them once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StripeSettings } from '../../server/services/stripe-gateway'
import { e2eDb } from '../helpers/e2e-db'
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe'
import { reportFigures } from './harness'

const db = e2eDb()
const figures = { requests: 0, faults: 0, rows: 0, lost: 0 }
let fake: FakeStripe
const settings = (): StripeSettings => ({
  secretKey: 'sk_test_fake_reliability',
  apiBase: fake.url,
  maxNetworkRetries: 2,
  timeoutMs: 1_000,
})

beforeAll(async () => {
  process.env.DATABASE_URL = process.env.TEST_E2E_OWNER_URL // privilegedDb() inside the sync service
  fake = await startFakeStripe()
})
afterAll(async () => {
  reportFigures('Stripe faults', figures)
  await fake.close()
  await db.$disconnect()
  const { closeDatabases } = await import('../../server/db/index')
  await closeDatabases()
})

let hotels = 0
async function hotel() {
  const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_STANDARD' } })
  return db.tenant.create({
    data: {
      slug: `stripe-fault-${++hotels}-${Date.now().toString(36)}`,
      name: 'ストライプ障害旅館',
      planId: plan.id,
      contractStartDate: new Date(),
    },
  })
}

const sync = async (tenantId: string) => {
  const { syncTenantToStripe } = await import('../../server/services/stripe-sync')
  return syncTenantToStripe(tenantId, settings())
}
const stripeObjects = (kind: string, tenantId: string, customer?: string) =>
  [...fake.objects.values()].filter(
    (o) =>
      o.object === kind &&
      (kind === 'customer' ? (o.metadata as { tenantId?: string })?.tenantId === tenantId : o.customer === customer),
  )

/** One customer and one subscription at Stripe, and their ids on our row. */
async function expectOnce(tenantId: string) {
  const customers = stripeObjects('customer', tenantId)
  expect(customers, 'one customer at Stripe').toHaveLength(1)
  const subscriptions = stripeObjects('subscription', tenantId, String(customers[0]!.id))
  expect(subscriptions, 'one subscription at Stripe').toHaveLength(1)
  expect(await db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).toMatchObject({
    stripeCustomerId: customers[0]!.id,
    stripeSubscriptionId: subscriptions[0]!.id,
  })
  figures.rows += 3
  figures.lost += (customers.length ? 0 : 1) + (subscriptions.length ? 0 : 1)
}

describe('Stripe that fails', () => {
  it('once each way (dropped, answer lost after the work, no answer): retried under one key, done once', async () => {
    const tenant = await hotel()
    const before = fake.requests.length
    fake.failNext('/v1/customers', 'drop')
    fake.failNext('/v1/customers', 500, { afterProcessing: true }) // created, but the answer is lost
    fake.failNext('/v1/subscriptions', 'hang')
    figures.faults += 3
    await sync(tenant.id)
    const sent = fake.requests.slice(before)
    figures.requests += sent.length
    const customers = sent.filter((r) => r.path === '/v1/customers' && r.method === 'POST')
    const subscriptions = sent.filter((r) => r.path === '/v1/subscriptions' && r.method === 'POST')
    expect(customers).toHaveLength(3)
    expect(new Set(customers.map((r) => r.idempotencyKey))).toEqual(new Set([`customer:${tenant.id}`]))
    expect(subscriptions).toHaveLength(2)
    expect(new Set(subscriptions.map((r) => r.idempotencyKey)).size).toBe(1)
    await expectOnce(tenant.id)
  })

  for (const mode of [500, 'drop', 'hang'] as const) {
    it(`lasting (${mode}): three attempts with backoff, nothing recorded; later, done once`, async () => {
      const tenant = await hotel()
      const before = fake.requests.length
      for (let i = 0; i < 3; i++) fake.failNext('/v1/customers', mode)
      figures.faults += 3
      await expect(sync(tenant.id)).rejects.toThrow()
      const sent = fake.requests.slice(before)
      const started = sent.map((r) => r.at)
      figures.requests += sent.length
      expect(sent.map((r) => r.path)).toEqual(['/v1/customers', '/v1/customers', '/v1/customers'])
      // The SDK waits 0.5 s, then 0.5–1 s (jittered, never less), plus the 1 s timeout of an attempt that hangs.
      const [first, second] = [started[1]! - started[0]!, started[2]! - started[1]!]
      expect(first).toBeGreaterThanOrEqual(mode === 'hang' ? 1_450 : 450)
      expect(second).toBeGreaterThanOrEqual(first - 50)
      expect(await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({
        stripeCustomerId: null,
        stripeSubscriptionId: null,
      })
      expect(stripeObjects('customer', tenant.id)).toHaveLength(0)

      figures.requests++
      await sync(tenant.id)
      await expectOnce(tenant.id)
    })
  }
})
