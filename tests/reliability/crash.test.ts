// The app killed (SIGKILL) in the middle of money-writing work, then restarted and the work run again:
// the commission job (killed with its rows written but not committed), a month's payout approval
// (killed after the first of several payouts was approved) and a Zengin export (killed with the file
// row written and the payouts not yet marked). After each restart nothing of the killed run is left,
// and the rerun writes exactly what a clean run writes: the ledger equals a recompute from an empty
// ledger (no duplicate, no gap), every payout is approved once, the file exists whole, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueInvoice, recordPayment } from '../../server/services/billing'
import { recordDueCommissions } from '../../server/services/commissions'
import type { PrismaClient } from '../../server/db/client'
import { faultVariable } from '../../server/lib/faults'
import { addMonthsToMonth } from '../../shared/domain/referrals'
import { periodKey } from '../../shared/domain/schedule'
import { e2eDb } from '../helpers/e2e-db'
import { Client, rootHost } from '../helpers/http'
import { validateZenginFile } from '../helpers/zengin-validator'
import { control, reportFigures, restartApp } from './harness'

const db = e2eDb()
const figures = { requests: 0, faults: 0, rows: 0, lost: 0 }
type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

const thisMonth = periodKey(new Date(), 'month')
const closed = addMonthsToMonth(thisMonth, -1)
const HOTELS = 12
const MONTHS = 6 // invoices for the six closed months before this one
const referralIds: string[] = []
let hq: Client

/** Sends a request the app will die during; resolves to the error it ends with (or the reply). */
function doomed(send: () => Promise<unknown>) {
  figures.requests++
  return send().then(
    (reply) => ({ reply, error: null as Error | null }),
    (error: Error) => ({ reply: null, error }),
  )
}

async function killDuring(point: string, send: () => Promise<unknown>) {
  // Held 4.5 s at the point (under Prisma's 5 s transaction limit); the kill comes at once.
  await restartApp({ [faultVariable(point)]: '4500' })
  const pending = doomed(send)
  await control('/app/kill-at', { point })
  figures.faults++
  const { error } = await pending
  expect(error?.message, 'the request died with the app').toMatch(/socket hang up|ECONNRESET/)
  await restartApp()
}

beforeAll(async () => {
  const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
  const agents = await db.agent.findMany({
    where: { email: { in: ['agent-bronze@agents.example', 'agent-gold@agents.example'] } },
    orderBy: { email: 'asc' },
  })
  expect(agents).toHaveLength(2)
  const first = addMonthsToMonth(thisMonth, -MONTHS)
  for (let i = 0; i < HOTELS; i++) {
    const tenant = await db.tenant.create({
      data: {
        slug: `crash-${i}-${Date.now().toString(36)}`,
        name: `障害テスト旅館 ${i}`,
        planId: plan.id,
        contractStartDate: new Date(`${first}-01`),
      },
    })
    const referral = await db.referral.create({
      data: {
        code: `CRASH-${i}-${Date.now().toString(36)}`,
        referrerType: 'agent',
        referrerAgentId: agents[i % 2]!.id,
        referredTenantId: tenant.id,
      },
    })
    referralIds.push(referral.id)
    for (let m = 0; m < MONTHS; m++) {
      const month = addMonthsToMonth(first, m)
      const invoice = await issueInvoice(db, tenant, plan, 'monthly', `${month}-01`)
      await db.$transaction((tx) =>
        recordPayment(tx, tenant.id, invoice.id, { method: 'manual', paidAt: new Date(`${month}-05T03:00:00Z`) }),
      )
    }
  }
  hq = new Client(rootHost())
  await hq.signIn('hq@omotenasu.example', 'hq')
  // The payees need bank accounts for their payouts to be approved.
  for (const [email, number] of [
    ['agent-bronze@agents.example', '7654321'],
    ['agent-gold@agents.example', '1234567'],
  ] as const) {
    const agent = new Client(rootHost())
    await agent.signIn(email, 'agent')
    const put = await agent.put('/api/v1/agent/bank-account', {
      bankCode: '0001',
      branchCode: '001',
      accountType: 'ordinary',
      accountNumber: number,
      holderKana: 'テスト ダイリテン',
    })
    expect(put.status).toBe(200)
  }
}, 180_000)

afterAll(async () => {
  reportFigures('app killed mid-transaction', figures)
  await db.$disconnect()
})

const ledger = (tx: Tx | PrismaClient = db) =>
  tx.referralPayment
    .findMany({ where: { referralId: { in: referralIds } }, orderBy: [{ referralId: 'asc' }, { paymentMonth: 'asc' }] })
    .then((rows) =>
      rows.map((r) =>
        [
          r.referralId,
          r.paymentMonth.toISOString().slice(0, 7),
          r.contractMonth,
          r.feeAttributable,
          r.rateBps,
          r.amount,
        ].join(' '),
      ),
    )

class Rollback extends Error {}
/** The ledger a from-scratch recompute writes for these referrals (in a transaction that is rolled back). */
async function recomputedLedger(): Promise<string[]> {
  let result: string[] = []
  await db
    .$transaction(
      async (tx) => {
        await tx.referralPayment.deleteMany({ where: { referralId: { in: referralIds } } })
        await recordDueCommissions(tx, new Date(), { full: true })
        result = await ledger(tx)
        throw new Rollback()
      },
      { timeout: 60_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error
    })
  return result
}

describe('the app killed mid-transaction', () => {
  it('during the commission job: nothing of the killed run remains; the rerun writes the exact ledger', async () => {
    await killDuring('job:commissions', () => hq.post('/api/v1/hq/jobs/commissions/run'))
    expect(await ledger(), 'no commission of the killed run was committed').toEqual([])
    expect(await db.jobRun.count({ where: { job: 'commissions', status: 'running' } })).toBe(0)

    figures.requests++
    const rerun = await hq.post('/api/v1/hq/jobs/commissions/run')
    expect(rerun.status).toBe(200)
    expect(rerun.body.status).toBe('ran')
    const after = await ledger()
    expect(after).toHaveLength(HOTELS * MONTHS) // no gap: every (referral, month) once
    expect(new Set(after.map((l) => l.split(' ').slice(0, 2).join(' '))).size).toBe(after.length) // no duplicate
    expect(after).toEqual(await recomputedLedger())
    figures.requests++
    expect((await hq.post('/api/v1/hq/jobs/commissions/run')).body.status).toBe('ran')
    expect(await ledger()).toEqual(after) // a third run adds nothing
    figures.rows += after.length
    figures.lost += HOTELS * MONTHS - after.length
  })

  it('during a payout approval: no payout is left half-approved; the rerun approves each exactly once', async () => {
    figures.requests++
    const batch = await hq.post('/api/v1/hq/payouts', { month: closed })
    expect(batch.status).toBe(200)
    const drafts = await db.payout.findMany({ where: { month: closed, status: 'draft' } })
    const ready = drafts.filter((p) => p.bankAccount)
    expect(ready.length, 'at least two payouts to approve in one go').toBeGreaterThanOrEqual(2)

    await killDuring('payout:approve', () => hq.post('/api/v1/hq/payouts/approve', { month: closed }))
    const killed = await db.payout.findMany({ where: { id: { in: ready.map((p) => p.id) } } })
    expect(killed.map((p) => [p.status, p.approvedAt])).toEqual(ready.map(() => ['draft', null]))
    expect(
      await db.auditLog.count({
        where: { entity: 'payout', action: 'approve', entityId: { in: ready.map((p) => p.id) } },
      }),
    ).toBe(0)

    figures.requests++
    const approved = await hq.post('/api/v1/hq/payouts/approve', { month: closed })
    expect(approved.status).toBe(200)
    expect([...approved.body.ids].sort()).toEqual(ready.map((p) => p.id).sort())
    const rows = await db.payout.findMany({ where: { id: { in: ready.map((p) => p.id) } } })
    expect(rows.every((p) => p.status === 'approved' && p.approvedAt)).toBe(true)
    const audits = await db.auditLog.groupBy({
      by: ['entityId'],
      where: { entity: 'payout', action: 'approve', entityId: { in: ready.map((p) => p.id) } },
      _count: true,
    })
    expect(audits.map((a) => a._count)).toEqual(ready.map(() => 1))
    figures.rows += rows.length
    figures.lost += ready.length - rows.filter((p) => p.status === 'approved').length
  })

  it('during a Zengin export: the file exists whole or not at all; the rerun writes it once', async () => {
    const approved = await db.payout.findMany({ where: { month: closed, status: 'approved', zenginFileId: null } })
    expect(approved.length).toBeGreaterThanOrEqual(2)
    await killDuring('zengin:export', () => hq.get(`/api/v1/hq/payouts/zengin?month=${closed}`))
    expect(await db.zenginFile.count({ where: { month: closed } }), 'no file of the killed export').toBe(0)
    const still = await db.payout.findMany({ where: { id: { in: approved.map((p) => p.id) } } })
    expect(still.every((p) => p.status === 'approved' && p.zenginFileId === null)).toBe(true)

    figures.requests += 2
    const reply = await hq.get(`/api/v1/hq/payouts/zengin?month=${closed}`)
    expect(reply.status).toBe(200)
    expect(reply.headers['x-zengin-created']).toBe('1')
    const files = await db.zenginFile.findMany({ where: { month: closed } })
    expect(files).toHaveLength(1)
    const file = files[0]!
    const { errors, parsed } = validateZenginFile(Buffer.from(file.content))
    expect(errors).toEqual([])
    expect(parsed.data).toHaveLength(approved.length)
    expect(Number(file.totalAmount)).toBe(approved.reduce((s, p) => s + p.total, 0))
    const exported = await db.payout.findMany({ where: { id: { in: approved.map((p) => p.id) } } })
    expect(exported.every((p) => p.status === 'exported' && p.zenginFileId === file.id)).toBe(true)
    const again = await hq.get(`/api/v1/hq/payouts/zengin?month=${closed}`)
    expect(again.headers['x-zengin-created']).toBe('0') // the stored file, not a second one
    expect(await db.zenginFile.count({ where: { month: closed } })).toBe(1)
    figures.rows += exported.length + parsed.data.length
    figures.lost += approved.length - parsed.data.length
  })
})
