// The audit log as HQ reads it: who (name and role, not an id), what (the action code the screen
// turns into a sentence), the target by its name, the hotel by its name, and before/after as the
// changed fields only. Names are looked up in batches per page (a few queries, not one per row);
// a target deleted since is named from the entry's own snapshot.
import type { PrismaClient } from '../db/client.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import type { Lang } from '../lib/errors.ts'
import { toCsv, type CsvColumn } from '../lib/csv.ts'
import { auditActionCode, auditDiff, type FieldChange } from '../../shared/domain/audit.ts'
import { tokyoDayEnd, tokyoDayStart } from '../../shared/domain/lists.ts'
import type { AuditListQuery } from '../../shared/schemas/lists.ts'
import { pageOrAll } from './lists.ts'

export type ActorRole = 'hq' | 'agent' | 'owner' | 'manager' | 'staff' | 'user' | 'pms_vendor' | 'system'

const contains = (q: string) => ({ contains: q, mode: 'insensitive' as const })

async function whereOf(db: PrismaClient, query: AuditListQuery): Promise<Prisma.AuditLogWhereInput> {
  const and: Prisma.AuditLogWhereInput[] = []
  if (query.actorId) and.push({ actorId: query.actorId })
  if (query.actorType) and.push({ actorType: query.actorType })
  if (query.actor) {
    const [users, vendors] = await Promise.all([
      db.user.findMany({
        where: { OR: [{ name: contains(query.actor) }, { email: contains(query.actor) }] },
        select: { id: true },
        take: 500,
      }),
      db.pmsVendor.findMany({ where: { name: contains(query.actor) }, select: { id: true }, take: 100 }),
    ])
    and.push({ actorId: { in: [...users, ...vendors].map((u) => u.id) } })
  }
  if (query.tenantId) and.push({ tenantId: query.tenantId })
  if (query.tenant) {
    const tenants = await db.tenant.findMany({
      where: { OR: [{ name: contains(query.tenant) }, { slug: contains(query.tenant) }] },
      select: { id: true },
      take: 500,
    })
    and.push({ tenantId: { in: tenants.map((t) => t.id) } })
  }
  if (query.action) {
    const [entity, action] = query.action.split('.')
    and.push(action ? { entity, action } : { entity })
  }
  if (query.from) and.push({ occurredAt: { gte: tokyoDayStart(query.from) } })
  if (query.to) and.push({ occurredAt: { lt: tokyoDayEnd(query.to) } })
  if (query.q)
    and.push({ OR: [{ entityId: contains(query.q) }, { entity: contains(query.q) }, { ip: contains(query.q) }] })
  return and.length ? { AND: and } : {}
}

type Snapshot = Record<string, unknown> | null
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined)
/** A readable name from an entry's own snapshot (for rows deleted since, or entities without a table). */
const nameInSnapshot = (s: Snapshot) =>
  s
    ? (str(s.name) ??
      str(s.companyName) ??
      str(s.number) ??
      str(s.roomNumber) ??
      str(s.title) ??
      str(s.code) ??
      str(s.email) ??
      str(s.payeeName))
    : undefined
const asRecord = (v: unknown): Snapshot =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Snapshot) : null

/** Names of the targets of one page of entries, looked up per entity in one query each. */
async function targetNames(
  db: PrismaClient,
  rows: { entity: string; entityId: string | null; tenantId: string | null }[],
) {
  const ids = (...entities: string[]) => [
    ...new Set(rows.filter((r) => entities.includes(r.entity) && r.entityId).map((r) => r.entityId!)),
  ]
  const names = new Map<string, string>()
  const put = (entity: string[], list: { id: string; name: string }[]) => {
    for (const e of entity) for (const x of list) names.set(`${e}:${x.id}`, x.name)
  }
  const userEntities = ['tenant_membership', 'password', 'password_reset', 'user_session', 'user']
  const [tenants, agents, vendors, plans, users, invoices, rooms, payouts, keys, materials, referrals] =
    await Promise.all([
      db.tenant.findMany({
        where: { id: { in: ids('tenant', 'tenant_settings', 'subscription') } },
        select: { id: true, name: true },
      }),
      db.agent.findMany({
        where: { id: { in: ids('agent', 'agent_rank', 'payee_bank_account') } },
        select: { id: true, companyName: true },
      }),
      db.pmsVendor.findMany({ where: { id: { in: ids('pms_vendor') } }, select: { id: true, name: true } }),
      db.subscriptionPlan.findMany({
        where: { id: { in: ids('subscription_plan') } },
        select: { id: true, name: true },
      }),
      db.user.findMany({ where: { id: { in: ids(...userEntities) } }, select: { id: true, name: true } }),
      db.invoice.findMany({ where: { id: { in: ids('invoice') } }, select: { id: true, number: true } }),
      db.room.findMany({ where: { id: { in: ids('room') } }, select: { id: true, roomNumber: true } }),
      db.payout.findMany({ where: { id: { in: ids('payout') } }, select: { id: true, payeeName: true, month: true } }),
      db.apiKey.findMany({ where: { id: { in: ids('api_key') } }, select: { id: true, name: true } }),
      db.salesMaterial.findMany({ where: { id: { in: ids('sales_material') } }, select: { id: true, title: true } }),
      db.referral.findMany({ where: { id: { in: ids('referral', 'invitation') } }, select: { id: true, code: true } }),
    ])
  put(['tenant', 'tenant_settings', 'subscription'], tenants)
  put(
    ['agent', 'agent_rank', 'payee_bank_account'],
    agents.map((a) => ({ id: a.id, name: a.companyName })),
  )
  put(['pms_vendor'], vendors)
  put(['subscription_plan'], plans)
  put(userEntities, users)
  put(
    ['invoice'],
    invoices.map((i) => ({ id: i.id, name: i.number })),
  )
  put(
    ['room'],
    rooms.map((r) => ({ id: r.id, name: r.roomNumber })),
  )
  put(
    ['payout'],
    payouts.map((p) => ({ id: p.id, name: `${p.payeeName} ${p.month}` })),
  )
  put(['api_key'], keys)
  put(
    ['sales_material'],
    materials.map((m) => ({ id: m.id, name: m.title })),
  )
  put(
    ['referral'],
    referrals.map((r) => ({ id: r.id, name: r.code })),
  )
  return names
}

export async function listAuditLog(db: PrismaClient, query: AuditListQuery) {
  const where = await whereOf(db, query)
  const page = await pageOrAll(
    query,
    () => db.auditLog.count({ where }),
    (skip, take) => db.auditLog.findMany({ where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], skip, take }),
  )
  const rows = page.items
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => Boolean(id)))]
  const tenantIds = [...new Set(rows.map((r) => r.tenantId).filter((id): id is string => Boolean(id)))]
  const [users, vendors, memberships, tenants, targets] = await Promise.all([
    db.user.findMany({
      where: { id: { in: actorIds } },
      select: { id: true, name: true, email: true, isHqAdmin: true, agent: { select: { companyName: true } } },
    }),
    db.pmsVendor.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }),
    db.tenantMembership.findMany({
      where: { userId: { in: actorIds }, tenantId: { in: tenantIds } },
      select: { userId: true, tenantId: true, role: true },
    }),
    db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, name: true, slug: true } }),
    targetNames(db, rows),
  ])
  const userById = new Map(users.map((u) => [u.id, u]))
  const vendorById = new Map(vendors.map((v) => [v.id, v]))
  const tenantById = new Map(tenants.map((t) => [t.id, t]))
  const roleIn = new Map(memberships.map((m) => [`${m.userId}:${m.tenantId}`, m.role]))

  const actorOf = (
    r: (typeof rows)[number],
  ): { type: string; id: string | null; name: string | null; role: ActorRole; detail: string | null } => {
    if (r.actorType === 'pms_vendor')
      return {
        type: r.actorType,
        id: r.actorId,
        name: vendorById.get(r.actorId ?? '')?.name ?? null,
        role: 'pms_vendor',
        detail: null,
      }
    const user = r.actorId ? userById.get(r.actorId) : undefined
    if (!user)
      return { type: r.actorType, id: r.actorId, name: null, role: r.actorId ? 'user' : 'system', detail: null }
    const role: ActorRole = user.isHqAdmin
      ? 'hq'
      : user.agent
        ? 'agent'
        : ((roleIn.get(`${user.id}:${r.tenantId}`) as ActorRole | undefined) ?? 'user')
    return { type: r.actorType, id: user.id, name: user.name, role, detail: user.agent?.companyName ?? user.email }
  }

  return {
    ...page,
    items: rows.map((r) => {
      const before = asRecord(r.before)
      const after = asRecord(r.after)
      const tenant = r.tenantId ? tenantById.get(r.tenantId) : undefined
      const changes: FieldChange[] = auditDiff(r.before, r.after)
      return {
        id: r.id,
        occurredAt: r.occurredAt,
        code: auditActionCode(r.entity, r.action),
        entity: r.entity,
        action: r.action,
        actor: actorOf(r),
        tenant: tenant ? { id: tenant.id, name: tenant.name, slug: tenant.slug } : null,
        target: {
          id: r.entityId,
          name:
            targets.get(`${r.entity}:${r.entityId}`) ?? nameInSnapshot(after) ?? nameInSnapshot(before) ?? r.entityId,
        },
        changes,
        ip: r.ip,
      }
    }),
  }
}

type Entry = Awaited<ReturnType<typeof listAuditLog>>['items'][number]
const tokyo = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
const COLUMNS: CsvColumn<Entry>[] = [
  { ja: '日時(日本時間)', en: 'When (Tokyo)', value: (e) => tokyo(e.occurredAt) },
  { ja: '実行者', en: 'Actor', value: (e) => e.actor.name },
  { ja: '実行者の役割', en: 'Actor role', value: (e) => e.actor.role },
  { ja: '操作コード', en: 'Action code', value: (e) => e.code },
  { ja: 'ホテル', en: 'Hotel', value: (e) => e.tenant?.name },
  { ja: '対象', en: 'Target', value: (e) => e.target.name },
  {
    ja: '変更内容',
    en: 'Changes',
    value: (e) =>
      e.changes.map((c) => `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join('\n'),
  },
  { ja: 'IP アドレス', en: 'IP address', value: (e) => e.ip },
]
export async function auditLogCsv(db: PrismaClient, query: AuditListQuery, lang: Lang) {
  return toCsv(COLUMNS, (await listAuditLog(db, { ...query, format: 'csv' })).items, lang)
}
