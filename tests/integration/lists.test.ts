// The long lists on a real database: totals, the last page, filters, search, an agent seeing only
// its own commissions, the audit log naming people and targets, and the CSV read back by a reader
// written here from RFC 4180 (not the writer's code).
import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { auditLogCsv, listAuditLog } from '../../server/services/audit-log'
import { agentCommissionsCsv, listAgentCommissions } from '../../server/services/commission-list'
import { invoicesCsv, listInvoices, listJobRuns, listTenants, tenantsCsv } from '../../server/services/lists'
import {
  agentCommissionListQuery,
  auditListQuery,
  hqInvoiceListQuery,
  hqTenantListQuery,
  jobRunListQuery,
} from '../../shared/schemas/lists'
import { useIntegrationDb, uniq } from '../helpers/db'

const db = useIntegrationDb()

/**
 * RFC 4180, section 2: records end in CRLF (the last one may not); fields are separated by commas;
 * a field in double quotes may hold commas, CR, LF and "" (one quote). Anything else is an error.
 */
function readCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let i = 0
  const fail = (why: string) => {
    throw new Error(`not RFC 4180 at ${i}: ${why}`)
  }
  for (;;) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) fail('unterminated quote')
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
          } else {
            i++
            break
          }
        } else field += text[i++]
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('quote inside an unquoted field')
        field += text[i++]
      }
    }
    record.push(field)
    if (text[i] === ',') {
      i++
      continue
    }
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2
    else if (i < text.length) fail('a line must end in CRLF')
    records.push(record)
    record = []
    if (i >= text.length) break
  }
  return records
}

const BOM = '\uFEFF'
const parse = (csv: string) => {
  expect(csv.startsWith(BOM)).toBe(true)
  expect(csv.endsWith('\r\n')).toBe(true)
  return readCsv(csv.slice(1))
}

async function hotels(prefix: string, n: number, extra: { name?: string; status?: 'suspended' } = {}) {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
  const made = []
  for (let i = 0; i < n; i++)
    made.push(
      await db.privileged.tenant.create({
        data: {
          slug: uniq(prefix),
          name: extra.name ?? `${prefix} ホテル ${i}`,
          planId: plan.id,
          status: extra.status,
        },
      }),
    )
  return made
}

describe('the query schemas', () => {
  it('refuse a page size over 100, a page below 1, an unknown filter value or sort', () => {
    for (const bad of [{ pageSize: '101' }, { page: '0' }, { status: 'gone' }, { sort: 'password' }, { format: 'xml' }])
      expect(() => hqTenantListQuery.parse(bad)).toThrow(ZodError)
    expect(hqTenantListQuery.parse({})).toMatchObject({ page: 1, pageSize: 25, sort: '-createdAt', format: 'json' })
    expect(hqTenantListQuery.parse({ status: '', q: '  ' })).toMatchObject({ status: undefined, q: undefined })
  })
})

describe('HQ tenants', () => {
  it('pages a search: the total, a full page, the short last page, no overlap', async () => {
    const prefix = uniq('paging')
    await hotels(prefix, 7)
    const q = (page: number) => hqTenantListQuery.parse({ q: prefix, pageSize: '3', page: String(page), sort: 'name' })
    const pages = await Promise.all([1, 2, 3, 4].map((p) => listTenants(db.privileged, q(p))))
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7, 7])
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1, 0])
    const names = pages.flatMap((p) => p.items.map((t) => t.name))
    expect(names).toEqual([...names].sort())
    expect(new Set(names).size).toBe(7)
  })

  it('filters by status and finds a subdomain by part of it', async () => {
    const prefix = uniq('filter')
    const [active] = await hotels(prefix, 2)
    await hotels(prefix, 1, { status: 'suspended' })
    const suspended = await listTenants(db.privileged, hqTenantListQuery.parse({ q: prefix, status: 'suspended' }))
    expect(suspended.total).toBe(1)
    expect(suspended.items[0]!.status).toBe('suspended')
    const bySlug = await listTenants(
      db.privileged,
      hqTenantListQuery.parse({ q: active!.slug.slice(-8).toUpperCase() }),
    )
    expect(bySlug.items.map((t) => t.id)).toEqual([active!.id])
  })

  it('exports CSV with a BOM, headers in the language asked, and awkward names intact', async () => {
    const prefix = uniq('csv')
    const awkward = `${prefix} "Inn", 京都\n別館`
    await hotels(prefix, 1, { name: awkward })
    await hotels(prefix, 1, { name: `=${prefix} formula` })
    const query = hqTenantListQuery.parse({ q: prefix, sort: 'name' })
    const ja = parse(await tenantsCsv(db.privileged, query, 'ja'))
    const en = parse(await tenantsCsv(db.privileged, query, 'en'))
    expect(ja[0]![0]).toBe('ホテル名')
    expect(en[0]![0]).toBe('Hotel')
    expect(ja).toHaveLength(3)
    expect(
      ja
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([`'=${prefix} formula`, awkward])
    expect(new Set(ja.map((r) => r.length)).size).toBe(1)
  })
})

describe('HQ invoices', () => {
  it('filters by hotel, status and Tokyo issue dates; the CSV totals match', async () => {
    const [hotel] = await hotels(uniq('inv'), 1)
    const base = {
      tenantId: hotel!.id,
      months: 1,
      planCode: 'LEISURE_ECONOMY',
      billingCycle: 'monthly' as const,
      subtotal: 29_800,
      tax: 2_980,
      total: 32_780,
      dueDate: new Date('2026-12-31'),
    }
    // 2026-11-30 23:30 in Tokyo is 14:30 UTC: it belongs to the 30th, not the 1st of December.
    await db.privileged.invoice.createMany({
      data: [
        {
          ...base,
          number: uniq('N'),
          periodStart: new Date('2026-11-01'),
          periodEnd: new Date('2026-12-01'),
          issuedAt: new Date('2026-11-30T14:30:00Z'),
        },
        {
          ...base,
          number: uniq('N'),
          periodStart: new Date('2026-12-01'),
          periodEnd: new Date('2027-01-01'),
          issuedAt: new Date('2026-11-30T15:30:00Z'),
        },
        {
          ...base,
          number: uniq('N'),
          periodStart: new Date('2027-01-01'),
          periodEnd: new Date('2027-02-01'),
          issuedAt: new Date('2026-12-05T01:00:00Z'),
          status: 'paid',
        },
      ],
    })
    const list = (q: Record<string, string>) =>
      listInvoices(db.privileged, hqInvoiceListQuery.parse({ tenantId: hotel!.id, ...q }))
    expect((await list({})).total).toBe(3)
    expect((await list({ status: 'paid' })).total).toBe(1)
    expect((await list({ from: '2026-11-30', to: '2026-11-30' })).total).toBe(1)
    expect((await list({ from: '2026-12-01' })).total).toBe(2)
    const rows = parse(await invoicesCsv(db.privileged, hqInvoiceListQuery.parse({ tenantId: hotel!.id }), 'en'))
    const total = rows[0]!.indexOf('Total incl. tax (JPY)')
    expect(rows.slice(1).reduce((s, r) => s + Number(r[total]), 0)).toBe(3 * 32_780)
  })
})

describe('job runs', () => {
  it('filters by job and status', async () => {
    const job = uniq('listjob')
    await db.privileged.jobRun.createMany({
      data: [
        { job, periodKey: '2026-11-01', status: 'succeeded' },
        { job, periodKey: '2026-11-02', status: 'failed', error: 'boom' },
      ],
    })
    const failed = await listJobRuns(db.privileged, jobRunListQuery.parse({ job, status: 'failed' }))
    expect(failed.total).toBe(1)
    expect(failed.items[0]!.error).toBe('boom')
  })
})

describe("an agent's commissions", () => {
  it('lists only its own lines, filters by status and months, and totals what counts', async () => {
    const [hotel] = await hotels(uniq('comm'), 1)
    const agentOf = (name: string) =>
      db.privileged.agent.create({ data: { companyName: name, contactName: 'C', email: `${uniq('a')}@x.example` } })
    const mine = await agentOf('Mine Co')
    const other = await agentOf('Other Co')
    const referral = (agentId: string) =>
      db.privileged.referral.create({
        data: { code: uniq('A'), referrerType: 'agent', referrerAgentId: agentId, referredTenantId: hotel!.id },
      })
    const [r1, r2] = [await referral(mine.id), await referral(other.id)]
    const line = (referralId: string, month: string, amount: number, status: 'pending' | 'paid' | 'cancelled') => ({
      tenantId: hotel!.id,
      referralId,
      paymentMonth: new Date(`${month}-01`),
      contractMonth: 1,
      feeAttributable: amount * 5,
      rateBps: 2_000,
      amount,
      status,
    })
    await db.privileged.referralPayment.createMany({
      data: [
        line(r1.id, '2026-09', 1_000, 'paid'),
        line(r1.id, '2026-10', 2_000, 'pending'),
        line(r1.id, '2026-11', 4_000, 'cancelled'),
        line(r2.id, '2026-10', 99_999, 'pending'),
      ],
    })
    const all = await listAgentCommissions(mine.id, agentCommissionListQuery.parse({}))
    expect(all.total).toBe(3)
    expect(all.items.map((l) => l.month)).toEqual(['2026-11', '2026-10', '2026-09'])
    expect(all.totalAmount).toBe(3_000)
    expect(all.items.some((l) => l.amount === 99_999)).toBe(false)
    const october = await listAgentCommissions(
      mine.id,
      agentCommissionListQuery.parse({ from: '2026-10', to: '2026-10' }),
    )
    expect(october.items.map((l) => l.amount)).toEqual([2_000])
    expect((await listAgentCommissions(mine.id, agentCommissionListQuery.parse({ status: 'paid' }))).total).toBe(1)
    // Searching the other agent's code finds nothing.
    expect((await listAgentCommissions(mine.id, agentCommissionListQuery.parse({ q: r2.code }))).total).toBe(0)
    const csv = parse(await agentCommissionsCsv(mine.id, agentCommissionListQuery.parse({}), 'ja'))
    expect(csv[0]).toEqual(['対象月', 'ホテル', '紹介コード', '契約月数', '対象売上(円)', '料率', '報酬額(円)', '状態'])
    expect(csv.slice(1).map((r) => r[5])).toEqual(['20%', '20%', '20%'])
    expect(csv.slice(1).map((r) => r[7])).toEqual(['取消', '未払い', '支払済み'])
  })
})

describe('the audit log', () => {
  it('names the actor and role, the hotel and the target, shows only changed fields, and filters', async () => {
    const [hotel] = await hotels(uniq('audit'), 1)
    const name = `監査 太郎 ${uniq('u')}`
    const user = await db.privileged.user.create({
      data: { email: `${uniq('m')}@x.example`, name, passwordHash: 'x' },
    })
    await db.privileged.tenantMembership.create({ data: { tenantId: hotel!.id, userId: user.id, role: 'manager' } })
    const room = await db.privileged.room.create({ data: { tenantId: hotel!.id, roomNumber: '701' } })
    await db.privileged.auditLog.createMany({
      data: [
        {
          actorType: 'user',
          actorId: user.id,
          tenantId: hotel!.id,
          action: 'update',
          entity: 'room',
          entityId: room.id,
          before: { roomNumber: '701', status: 'clean', capacity: 2 },
          after: { roomNumber: '701', status: 'dirty', capacity: 2 },
          occurredAt: new Date('2026-11-30T14:00:00Z'),
        },
        {
          actorType: 'user',
          actorId: user.id,
          tenantId: hotel!.id,
          action: 'delete',
          entity: 'room',
          entityId: 'gone-room',
          before: { roomNumber: '999' },
          occurredAt: new Date('2026-11-30T16:00:00Z'),
        },
      ],
    })
    const page = await listAuditLog(db.privileged, auditListQuery.parse({ tenantId: hotel!.id }))
    expect(page.total).toBe(2)
    const [deleted, updated] = page.items
    expect(updated).toMatchObject({
      code: 'room.update',
      actor: { name, role: 'manager' },
      tenant: { name: hotel!.name },
      target: { name: '701' },
      changes: [{ field: 'status', before: 'clean', after: 'dirty' }],
    })
    expect(deleted!.target.name).toBe('999') // named from its snapshot: the row is gone
    const q = (extra: Record<string, string>) => listAuditLog(db.privileged, auditListQuery.parse(extra))
    expect((await q({ actor: name.slice(0, 8), tenant: hotel!.slug })).total).toBe(2)
    expect((await q({ tenant: hotel!.slug, action: 'room.delete' })).total).toBe(1)
    expect((await q({ tenant: hotel!.slug, from: '2026-11-30', to: '2026-11-30' })).total).toBe(1) // 23:00 Tokyo
    expect((await q({ tenant: hotel!.slug, from: '2026-12-01' })).total).toBe(1) // 01:00 Tokyo the next day
    const csv = parse(await auditLogCsv(db.privileged, auditListQuery.parse({ tenantId: hotel!.id }), 'en'))
    expect(csv[0]!.slice(0, 3)).toEqual(['When (Tokyo)', 'Actor', 'Actor role'])
    expect(csv[2]).toEqual(expect.arrayContaining([name, 'manager', 'room.update', '701']))
  })
})
