// The referral funnel (issue 13): tracking-link visits counted as unique visitors per code and day
// (a salted daily hash of address + user agent; the salt lives one day and no address is stored),
// then signups, paying hotels and commission earned, per code, per referrer and per channel.
import { createHash, randomBytes } from 'node:crypto'
import { Prisma } from '../generated/prisma/client.ts'
import { privilegedDb } from '../db/index.ts'
import { funnelRates, funnelReport, isBot, type FunnelEvent } from '../../shared/domain/funnel.ts'
import { monthsBetween, SALES_CHANNELS } from '../../shared/domain/kpis.ts'
import { addMonthsToMonth } from '../../shared/domain/referrals.ts'
import { periodKey } from '../../shared/domain/schedule.ts'

let saltOfDay: { day: string; salt: string } | null = null

/** Today's salt, shared by every instance through visit_salts; yesterday's is deleted. */
async function dailySalt(day: string): Promise<string> {
  if (saltOfDay?.day === day) return saltOfDay.salt
  const db = privilegedDb()
  const date = new Date(`${day}T00:00:00Z`)
  await db.$executeRaw`INSERT INTO visit_salts (day, salt) VALUES (${date}, ${randomBytes(32).toString('base64url')})
    ON CONFLICT (day) DO NOTHING`
  await db.$executeRaw`DELETE FROM visit_salts WHERE day < ${date}`
  const row = await db.visitSalt.findUniqueOrThrow({ where: { day: date } })
  saltOfDay = { day, salt: row.salt }
  return row.salt
}

export type VisitOutcome = 'counted' | 'repeat' | 'bot' | 'unknown_code'

/** Counts a visit of a tracking link: once per visitor, code and Tokyo day; bots never. */
export async function recordVisit(
  code: string,
  visitor: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<VisitOutcome> {
  if (isBot(visitor.userAgent)) return 'bot'
  const day = periodKey(now, 'day')
  const salt = await dailySalt(day)
  const hash = createHash('sha256')
    .update(`${salt}\n${visitor.ip ?? ''}\n${visitor.userAgent ?? ''}`)
    .digest('base64url')
  const db = privilegedDb()
  const inserted = await db.$executeRaw`
    INSERT INTO referral_visits (referral_id, day, visitor_hash)
    SELECT id, ${new Date(`${day}T00:00:00Z`)}, ${hash} FROM referrals WHERE code = ${code}
    ON CONFLICT DO NOTHING`
  if (inserted) return 'counted'
  const known = await db.referral.count({ where: { code } })
  return known ? 'repeat' : 'unknown_code'
}

type Scope = { agentId: string } | { pmsVendorId: string } | { all: true }

const scopeSql = (scope: Scope) =>
  'agentId' in scope
    ? Prisma.sql`r.referrer_type = 'agent' AND r.referrer_agent_id = ${scope.agentId}`
    : 'pmsVendorId' in scope
      ? Prisma.sql`r.referrer_type = 'pms_vendor' AND r.referrer_pms_vendor_id = ${scope.pmsVendorId}`
      : Prisma.sql`TRUE`

const monthStart = (month: string) => new Date(`${month}-01T00:00:00Z`)
/** The instant a Tokyo month starts, for timestamp columns. */
const tokyoStart = (month: string) => new Date(`${month}-01T00:00:00+09:00`)

/** The four stages per referral and month, one set-based query per stage. */
async function stageRows(scope: Scope, from: string, to: string) {
  const db = privilegedDb()
  const start = monthStart(from)
  const end = monthStart(addMonthsToMonth(to, 1))
  const where = scopeSql(scope)
  const at = tokyoStart(from)
  const until = tokyoStart(addMonthsToMonth(to, 1))
  type Row = { referral_id: string; month: string; value: bigint | number }
  const [visits, signups, paying, commission] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT v.referral_id, to_char(v.day, 'YYYY-MM') AS month, COUNT(*) AS value
      FROM referral_visits v JOIN referrals r ON r.id = v.referral_id
      WHERE ${where} AND v.day >= ${start} AND v.day < ${end} GROUP BY 1, 2`,
    db.$queryRaw<Row[]>`
      SELECT r.id AS referral_id, to_char(t.created_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, 1 AS value
      FROM referrals r JOIN tenants t ON t.id = r.referred_tenant_id
      WHERE ${where} AND t.created_at >= ${at} AND t.created_at < ${until}`,
    db.$queryRaw<Row[]>`
      SELECT r.id AS referral_id, to_char(r.converted_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, 1 AS value
      FROM referrals r
      WHERE ${where} AND r.converted_at >= ${at} AND r.converted_at < ${until}`,
    db.$queryRaw<Row[]>`
      SELECT p.referral_id, to_char(p.payment_month, 'YYYY-MM') AS month, SUM(p.amount) AS value
      FROM referral_payments p JOIN referrals r ON r.id = p.referral_id
      WHERE ${where} AND p.status <> 'cancelled' AND p.payment_month >= ${start} AND p.payment_month < ${end}
      GROUP BY 1, 2`,
  ])
  const tag = (rows: Row[], stage: FunnelEvent['stage']) =>
    rows.map((r) => ({ referralId: r.referral_id, month: r.month, stage, value: Number(r.value) }))
  return [
    ...tag(visits, 'visits'),
    ...tag(signups, 'signups'),
    ...tag(paying, 'paying'),
    ...tag(commission, 'commission'),
  ]
}

/** An agent's or a PMS vendor's funnel: per code and in total, per month. */
export async function referrerFunnel(scope: { agentId: string } | { pmsVendorId: string }, from: string, to: string) {
  const referrals = await privilegedDb().referral.findMany({
    where:
      'agentId' in scope
        ? { referrerType: 'agent', referrerAgentId: scope.agentId }
        : { referrerType: 'pms_vendor', referrerPmsVendorId: scope.pmsVendorId },
    select: { id: true, code: true, campaign: true, status: true, createdAt: true },
    orderBy: { createdAt: 'asc' },
  })
  const codeOf = new Map(referrals.map((r) => [r.id, r.code]))
  const rows = await stageRows(scope, from, to)
  const events = rows.flatMap((r) => {
    const code = codeOf.get(r.referralId)
    return code ? [{ code, month: r.month, stage: r.stage, value: r.value }] : []
  })
  const report = funnelReport(
    events,
    referrals.map((r) => r.code),
    monthsBetween(from, to),
  )
  return {
    from,
    to,
    ...report,
    byCode: report.byCode.map((c, i) => ({ ...c, campaign: referrals[i]!.campaign, status: referrals[i]!.status })),
  }
}

type ReferrerFunnel = {
  channel: string
  referrerId: string
  name: string
  visits: number
  signups: number
  paying: number
  commission: number
}

/** The channel totals from the referrers' rows, direct's signups and paying hotels from `direct`. */
function channelMix(referrers: ReferrerFunnel[], direct: { signups: bigint; paying: bigint } | undefined) {
  return SALES_CHANNELS.map((channel) => {
    const mine = referrers.filter((r) => r.channel === channel)
    const total = {
      visits: mine.reduce((n, r) => n + r.visits, 0),
      signups: mine.reduce((n, r) => n + r.signups, 0),
      paying: mine.reduce((n, r) => n + r.paying, 0),
      commission: mine.reduce((n, r) => n + r.commission, 0),
    }
    if (channel === 'direct') {
      total.signups = Number(direct?.signups ?? 0)
      total.paying = Number(direct?.paying ?? 0)
    }
    return { channel, ...total, ...funnelRates(total) }
  })
}

const byFunnelRank = (a: ReferrerFunnel, b: ReferrerFunnel) =>
  b.paying - a.paying || b.visits - a.visits || a.name.localeCompare(b.name)

/**
 * Direct signups (tenants no referral points at) and direct hotels first paying in the range; the
 * latter from the KPI rollup's month totals (new paying hotels of the direct channel), not from a
 * minimum over every direct hotel's payments.
 */
async function directCounts(from: string, to: string) {
  const db = privilegedDb()
  const [signups, paying] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM tenants t
      WHERE t.created_at >= ${tokyoStart(from)} AND t.created_at < ${tokyoStart(addMonthsToMonth(to, 1))}
        AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.referred_tenant_id = t.id)`,
    db.$queryRaw<{ n: bigint }[]>`
      SELECT COALESCE(SUM(new_paying), 0)::bigint AS n FROM kpi_month_totals
      WHERE channel = 'direct' AND month >= ${monthStart(from)} AND month < ${monthStart(addMonthsToMonth(to, 1))}`,
  ])
  return [{ signups: signups[0]!.n, paying: paying[0]!.n }]
}

/**
 * HQ: every referrer's funnel over the range and the channel mix (direct: signups without a code).
 * One query sums the four stages per referrer in SQL (issue 14: at 10,000 hotels the per-referral
 * rows read into JavaScript cost ≈ 0.7 s); channelFunnelStraight is the reference it is tested against.
 */
export async function channelFunnel(from: string, to: string) {
  const start = monthStart(from)
  const end = monthStart(addMonthsToMonth(to, 1))
  const at = tokyoStart(from)
  const until = tokyoStart(addMonthsToMonth(to, 1))
  const [rows, direct] = await Promise.all([
    privilegedDb().$queryRaw<
      {
        channel: string
        referrer_id: string
        name: string
        visits: bigint
        signups: bigint
        paying: bigint
        commission: bigint
      }[]
    >`
      WITH v AS (
        SELECT referral_id, COUNT(*) AS n FROM referral_visits WHERE day >= ${start} AND day < ${end} GROUP BY 1
      ), c AS (
        SELECT referral_id, SUM(amount) AS yen FROM referral_payments
        WHERE status <> 'cancelled' AND payment_month >= ${start} AND payment_month < ${end} GROUP BY 1
      ), s AS (
        SELECT r.id FROM referrals r JOIN tenants t ON t.id = r.referred_tenant_id
        WHERE t.created_at >= ${at} AND t.created_at < ${until}
      ), stages AS (
        SELECT r.referrer_type::text AS channel,
               COALESCE(r.referrer_agent_id, r.referrer_tenant_id, r.referrer_pms_vendor_id, '') AS referrer_id,
               COALESCE(v.n, 0) AS visits, (s.id IS NOT NULL)::int AS signups,
               (r.converted_at >= ${at} AND r.converted_at < ${until})::int AS paying, COALESCE(c.yen, 0) AS commission,
               v.referral_id IS NOT NULL OR s.id IS NOT NULL OR c.referral_id IS NOT NULL
                 OR (r.converted_at >= ${at} AND r.converted_at < ${until}) AS seen
        FROM referrals r
        LEFT JOIN v ON v.referral_id = r.id LEFT JOIN c ON c.referral_id = r.id LEFT JOIN s ON s.id = r.id
      )
      SELECT g.channel, g.referrer_id, COALESCE(t.name, pv.name, a.company_name, g.referrer_id) AS name,
             g.visits, g.signups, g.paying, g.commission
      FROM (
        SELECT channel, referrer_id, SUM(visits)::bigint AS visits, SUM(signups)::bigint AS signups,
               SUM(paying)::bigint AS paying, SUM(commission)::bigint AS commission
        FROM stages WHERE seen GROUP BY 1, 2
      ) g
      LEFT JOIN tenants t ON g.channel = 'customer' AND t.id = g.referrer_id
      LEFT JOIN pms_vendors pv ON pv.id = g.referrer_id
      LEFT JOIN agents a ON a.id = g.referrer_id`,
    directCounts(from, to),
  ])
  const referrers = rows
    .map((r) => ({
      channel: r.channel,
      referrerId: r.referrer_id,
      name: r.name,
      visits: Number(r.visits),
      signups: Number(r.signups),
      paying: Number(r.paying),
      commission: Number(r.commission),
    }))
    .sort(byFunnelRank)
    .map((r) => ({ ...r, ...funnelRates(r) }))
  return { from, to, channels: channelMix(referrers, direct[0]), referrers }
}

/** The straightforward channel funnel: every stage row per referral and month, summed in JavaScript. */
export async function channelFunnelStraight(from: string, to: string) {
  const db = privilegedDb()
  const [rows, referrals, agents, vendors, direct] = await Promise.all([
    stageRows({ all: true }, from, to),
    db.referral.findMany({
      select: {
        id: true,
        referrerType: true,
        referrerAgentId: true,
        referrerTenantId: true,
        referrerPmsVendorId: true,
      },
    }),
    db.agent.findMany({ select: { id: true, companyName: true } }),
    db.pmsVendor.findMany({ select: { id: true, name: true } }),
    db.$queryRaw<{ signups: bigint; paying: bigint }[]>`
      WITH direct AS (
        SELECT t.id, t.created_at FROM tenants t
        WHERE NOT EXISTS (SELECT 1 FROM referrals r WHERE r.referred_tenant_id = t.id)
      )
      SELECT
        (SELECT COUNT(*) FROM direct d WHERE d.created_at >= ${tokyoStart(from)}
          AND d.created_at < ${tokyoStart(addMonthsToMonth(to, 1))}) AS signups,
        (SELECT COUNT(*) FROM direct d WHERE (SELECT min(p.paid_at) FROM payments p WHERE p.tenant_id = d.id)
          >= ${tokyoStart(from)} AND (SELECT min(p.paid_at) FROM payments p WHERE p.tenant_id = d.id)
          < ${tokyoStart(addMonthsToMonth(to, 1))}) AS paying`,
  ])
  const tenantIds = [...new Set(referrals.map((r) => r.referrerTenantId).filter((id): id is string => !!id))]
  const tenants = await db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, name: true } })
  const referrerOf = new Map(
    referrals.map((r) => {
      const id = r.referrerAgentId ?? r.referrerTenantId ?? r.referrerPmsVendorId ?? ''
      return [r.id, { channel: r.referrerType as string, id }]
    }),
  )
  const names = new Map<string, string>([
    ...agents.map((a) => [a.id, a.companyName] as const),
    ...vendors.map((v) => [v.id, v.name] as const),
    ...tenants.map((t) => [t.id, t.name] as const),
  ])
  const byReferrer = new Map<string, ReferrerFunnel>()
  for (const row of rows) {
    const ref = referrerOf.get(row.referralId)
    if (!ref) continue
    const key = `${ref.channel}:${ref.id}`
    const entry = byReferrer.get(key) ?? {
      channel: ref.channel,
      referrerId: ref.id,
      name: names.get(ref.id) ?? ref.id,
      visits: 0,
      signups: 0,
      paying: 0,
      commission: 0,
    }
    entry[row.stage] += row.value
    byReferrer.set(key, entry)
  }
  const referrers = [...byReferrer.values()].sort(byFunnelRank).map((r) => ({ ...r, ...funnelRates(r) }))
  return { from, to, channels: channelMix(referrers, direct[0]), referrers }
}
