// HQ's long lists (tenants, invoices, agents, job runs): one page of rows with the total, or the
// whole filtered list as CSV (at most CSV_MAX_ROWS, in the same order). The audit log and an
// agent's commissions have their own services (audit-log.ts, commission-list.ts) on these helpers.
import type { PrismaClient } from '../db/client.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import type { Lang } from '../lib/errors.ts'
import { csvLabel, toCsv, type CsvColumn } from '../lib/csv.ts'
import { sortOf, tokyoDayEnd, tokyoDayStart } from '../../shared/domain/lists.ts'
import {
  CSV_MAX_ROWS,
  type HqAgentListQuery,
  type HqInvoiceListQuery,
  type HqTenantListQuery,
  type JobRunListQuery,
  type ListPage,
} from '../../shared/schemas/lists.ts'

interface Paging {
  page: number
  pageSize: number
  format: 'json' | 'csv'
}

/** A page (json) or the rows of a CSV (format=csv): `find(skip, take)` does the query either way. */
export async function pageOrAll<T>(
  query: Paging,
  count: () => Promise<number>,
  find: (skip: number, take: number) => Promise<T[]>,
): Promise<ListPage<T>> {
  if (query.format === 'csv') {
    const items = await find(0, CSV_MAX_ROWS)
    return { items, total: items.length, page: 1, pageSize: CSV_MAX_ROWS }
  }
  const [total, items] = await Promise.all([count(), find((query.page - 1) * query.pageSize, query.pageSize)])
  return { items, total, page: query.page, pageSize: query.pageSize }
}

const STATUS: Record<string, { ja: string; en: string }> = {
  active: { ja: '有効', en: 'Active' },
  past_due: { ja: '支払い遅延', en: 'Past due' },
  suspended: { ja: '停止中', en: 'Suspended' },
  cancelled: { ja: '解約済み', en: 'Cancelled' },
  open: { ja: '未払い', en: 'Open' },
  paid: { ja: '支払済み', en: 'Paid' },
  void: { ja: '無効', en: 'Void' },
  refunded: { ja: '返金済み', en: 'Refunded' },
  running: { ja: '実行中', en: 'Running' },
  succeeded: { ja: '成功', en: 'Succeeded' },
  failed: { ja: '失敗', en: 'Failed' },
  monthly: { ja: '月払い', en: 'Monthly' },
  yearly: { ja: '年払い', en: 'Yearly' },
  biennial: { ja: '2年払い', en: 'Every 2 years' },
}
const contains = (q: string) => ({ contains: q, mode: 'insensitive' as const })
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : '')
const tokyoDateTime = (d: Date | null | undefined) =>
  d ? new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : ''

// ---------------------------------------------------------------- tenants

export async function listTenants(db: PrismaClient, query: HqTenantListQuery) {
  const where: Prisma.TenantWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.plan ? { plan: { planCode: query.plan } } : {}),
    ...(query.q
      ? { OR: [{ name: contains(query.q) }, { slug: contains(query.q) }, { operatingCompany: contains(query.q) }] }
      : {}),
  }
  const { field, dir } = sortOf(query.sort)
  const page = await pageOrAll(
    query,
    () => db.tenant.count({ where }),
    (skip, take) =>
      db.tenant.findMany({
        where,
        orderBy: [{ [field]: dir }, { id: dir }],
        skip,
        take,
        include: {
          plan: { select: { planCode: true, name: true, monthlyPrice: true } },
          _count: { select: { rooms: true, memberships: true } },
        },
      }),
  )
  // The HQ contact by a second read (a plain column: users are disabled, never deleted).
  const contactIds = [...new Set(page.items.flatMap((t) => (t.hqContactUserId ? [t.hqContactUserId] : [])))]
  const contacts = contactIds.length
    ? await db.user.findMany({ where: { id: { in: contactIds } }, select: { id: true, name: true, email: true } })
    : []
  return {
    ...page,
    items: page.items.map((t) => ({
      id: t.id,
      slug: t.slug,
      name: t.name,
      status: t.status,
      billingCycle: t.billingCycle,
      plan: t.plan,
      rooms: t._count.rooms,
      members: t._count.memberships,
      hqContact: contacts.find((c) => c.id === t.hqContactUserId) ?? null,
      createdAt: t.createdAt,
    })),
  }
}
type TenantRow = Awaited<ReturnType<typeof listTenants>>['items'][number]
const TENANT_COLUMNS: CsvColumn<TenantRow>[] = [
  { ja: 'ホテル名', en: 'Hotel', value: (t) => t.name },
  { ja: 'サブドメイン', en: 'Subdomain', value: (t) => t.slug },
  { ja: 'プラン', en: 'Plan', value: (t) => t.plan.planCode },
  { ja: '月額料金(円)', en: 'Monthly price (JPY)', value: (t) => t.plan.monthlyPrice },
  { ja: '請求サイクル', en: 'Billing cycle', value: (t, l) => csvLabel(STATUS, t.billingCycle, l) },
  { ja: '客室数', en: 'Rooms', value: (t) => t.rooms },
  { ja: 'メンバー数', en: 'Members', value: (t) => t.members },
  { ja: '本部担当', en: 'HQ contact', value: (t) => t.hqContact?.name ?? '' },
  { ja: '状態', en: 'Status', value: (t, l) => csvLabel(STATUS, t.status, l) },
  { ja: '登録日時(日本時間)', en: 'Created (Tokyo)', value: (t) => tokyoDateTime(t.createdAt) },
]
export async function tenantsCsv(db: PrismaClient, query: HqTenantListQuery, lang: Lang) {
  return toCsv(TENANT_COLUMNS, (await listTenants(db, { ...query, format: 'csv' })).items, lang)
}

// ---------------------------------------------------------------- invoices

export async function listInvoices(db: PrismaClient, query: HqInvoiceListQuery) {
  const where: Prisma.InvoiceWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.tenantId ? { tenantId: query.tenantId } : {}),
    ...(query.from || query.to
      ? {
          issuedAt: {
            ...(query.from ? { gte: tokyoDayStart(query.from) } : {}),
            ...(query.to ? { lt: tokyoDayEnd(query.to) } : {}),
          },
        }
      : {}),
    ...(query.q
      ? {
          OR: [
            { number: contains(query.q) },
            { tenant: { name: contains(query.q) } },
            { buyerName: contains(query.q) },
          ],
        }
      : {}),
  }
  const { field, dir } = sortOf(query.sort)
  return pageOrAll(
    query,
    () => db.invoice.count({ where }),
    (skip, take) =>
      db.invoice.findMany({
        where,
        orderBy: [{ [field]: dir }, { id: dir }],
        skip,
        take,
        include: { tenant: { select: { slug: true, name: true } } },
      }),
  )
}
type InvoiceRow = Awaited<ReturnType<typeof listInvoices>>['items'][number]
const INVOICE_COLUMNS: CsvColumn<InvoiceRow>[] = [
  { ja: '請求書番号', en: 'Invoice number', value: (i) => i.number },
  { ja: 'ホテル名', en: 'Hotel', value: (i) => i.tenant.name },
  { ja: 'サブドメイン', en: 'Subdomain', value: (i) => i.tenant.slug },
  { ja: '発行日', en: 'Issue date', value: (i) => day(i.issueDate) || tokyoDateTime(i.issuedAt).slice(0, 10) },
  { ja: '期間開始', en: 'Period start', value: (i) => day(i.periodStart) },
  { ja: '期間終了', en: 'Period end', value: (i) => day(i.periodEnd) },
  { ja: 'プラン', en: 'Plan', value: (i) => i.planCode },
  { ja: '小計(税抜・円)', en: 'Subtotal excl. tax (JPY)', value: (i) => i.subtotal },
  { ja: '消費税(円)', en: 'Consumption tax (JPY)', value: (i) => i.tax },
  { ja: '合計(税込・円)', en: 'Total incl. tax (JPY)', value: (i) => i.total },
  { ja: '支払期日', en: 'Due date', value: (i) => day(i.dueDate) },
  { ja: '状態', en: 'Status', value: (i, l) => csvLabel(STATUS, i.status, l) },
  { ja: '入金日時(日本時間)', en: 'Paid (Tokyo)', value: (i) => tokyoDateTime(i.paidAt) },
]
export async function invoicesCsv(db: PrismaClient, query: HqInvoiceListQuery, lang: Lang) {
  return toCsv(INVOICE_COLUMNS, (await listInvoices(db, { ...query, format: 'csv' })).items, lang)
}

// ---------------------------------------------------------------- agents

export async function listAgents(db: PrismaClient, query: HqAgentListQuery) {
  const where: Prisma.AgentWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.rank ? { rank: query.rank } : {}),
    ...(query.q
      ? { OR: [{ companyName: contains(query.q) }, { contactName: contains(query.q) }, { email: contains(query.q) }] }
      : {}),
  }
  const { field, dir } = sortOf(query.sort)
  const page = await pageOrAll(
    query,
    () => db.agent.count({ where }),
    (skip, take) =>
      db.agent.findMany({
        where,
        orderBy: [{ [field]: dir }, { id: dir }],
        skip,
        take,
        include: {
          _count: { select: { users: true, referrals: true } },
          rankChanges: { orderBy: { createdAt: 'desc' }, take: 3 },
        },
      }),
  )
  return {
    ...page,
    items: page.items.map(({ _count, ...a }) => ({ ...a, users: _count.users, referrals: _count.referrals })),
  }
}
type AgentRow = Awaited<ReturnType<typeof listAgents>>['items'][number]
const AGENT_COLUMNS: CsvColumn<AgentRow>[] = [
  { ja: '会社名', en: 'Company', value: (a) => a.companyName },
  { ja: '担当者', en: 'Contact', value: (a) => a.contactName },
  { ja: 'メールアドレス', en: 'Email', value: (a) => a.email },
  { ja: 'ランク', en: 'Rank', value: (a) => a.rank },
  { ja: 'テリトリー', en: 'Territory', value: (a) => a.territory },
  { ja: '状態', en: 'Status', value: (a, l) => csvLabel(STATUS, a.status, l) },
  { ja: '適格請求書登録番号', en: 'Registration number', value: (a) => a.qualifiedInvoiceNumber },
  { ja: '紹介数', en: 'Referrals', value: (a) => a.referrals },
  { ja: 'ユーザー数', en: 'Users', value: (a) => a.users },
  { ja: '登録日時(日本時間)', en: 'Created (Tokyo)', value: (a) => tokyoDateTime(a.createdAt) },
]
export async function agentsCsv(db: PrismaClient, query: HqAgentListQuery, lang: Lang) {
  return toCsv(AGENT_COLUMNS, (await listAgents(db, { ...query, format: 'csv' })).items, lang)
}

// ---------------------------------------------------------------- job runs

export async function listJobRuns(db: PrismaClient, query: JobRunListQuery) {
  const where: Prisma.JobRunWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.job ? { job: query.job } : {}),
    ...(query.q
      ? { OR: [{ job: contains(query.q) }, { periodKey: contains(query.q) }, { error: contains(query.q) }] }
      : {}),
  }
  const { field, dir } = sortOf(query.sort)
  return pageOrAll(
    query,
    () => db.jobRun.count({ where }),
    (skip, take) => db.jobRun.findMany({ where, orderBy: [{ [field]: dir }, { id: dir }], skip, take }),
  )
}
type JobRunRow = Awaited<ReturnType<typeof listJobRuns>>['items'][number]
const JOB_RUN_COLUMNS: CsvColumn<JobRunRow>[] = [
  { ja: 'ジョブ', en: 'Job', value: (r) => r.job },
  { ja: '期間', en: 'Period', value: (r) => r.periodKey },
  { ja: '状態', en: 'Status', value: (r, l) => csvLabel(STATUS, r.status, l) },
  { ja: '試行回数', en: 'Attempts', value: (r) => r.attempts },
  { ja: '開始(日本時間)', en: 'Started (Tokyo)', value: (r) => tokyoDateTime(r.startedAt) },
  { ja: '終了(日本時間)', en: 'Finished (Tokyo)', value: (r) => tokyoDateTime(r.finishedAt) },
  { ja: 'エラー', en: 'Error', value: (r) => r.error },
]
export async function jobRunsCsv(db: PrismaClient, query: JobRunListQuery, lang: Lang) {
  return toCsv(JOB_RUN_COLUMNS, (await listJobRuns(db, { ...query, format: 'csv' })).items, lang)
}
