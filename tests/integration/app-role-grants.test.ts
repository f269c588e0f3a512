// The third lock: what the app role (omotenasu_app, under every tenant client) may touch at all,
// read back from the catalogue. Tenant tables are covered row by row in tenant-isolation.test.ts;
// here every other table: no rows with no tenant set, no column outside a short allow-list, no
// hash or secret anywhere, no write, nothing by default on tables to come.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureCatalogue, testClients, uniq } from '../helpers/db'
import { APP_ROLE, publicTables, tenantTablesInCatalogue } from '../helpers/catalogue'

const db = testClients()
const ALL = await publicTables(db.privileged)
const TENANT = await tenantTablesInCatalogue(db.privileged)
const PLATFORM = ALL.filter((t) => !TENANT.includes(t))

/** Every column of a non-tenant table the app role may read, and why a tenant route needs it. */
const READABLE: Record<string, string[]> = {
  // A hotel's plan and the plans it may move to (dashboard, entitlements, subscription); only while a tenant is set.
  subscription_plans: [
    'id',
    'plan_code',
    'name',
    'monthly_price',
    'currency',
    'max_rooms',
    'features',
    'guarantee_days',
    'guaranteed_roi_bps',
    'sort_order',
    'active',
    'created_at',
    'updated_at',
  ],
  // The hotel's own members on its staff page; only rows of members of the tenant set.
  users: ['id', 'email', 'name', 'locale', 'last_sign_in_at'],
}
const SECRET_LIKE = /hash|token|secret|password|key/i
const isDenied = (e: unknown) => /permission denied/.test(String((e as Error)?.message ?? e))

let tenantA = ''
let memberA = ''
let memberB = ''
let loner = ''

beforeAll(async () => {
  const p = db.privileged
  await ensureCatalogue(p)
  const plan = await p.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
  const a = await p.tenant.create({ data: { slug: uniq('grants-a'), name: 'Grants A', planId: plan.id } })
  const b = await p.tenant.create({ data: { slug: uniq('grants-b'), name: 'Grants B', planId: plan.id } })
  tenantA = a.id
  const user = (name: string) =>
    p.user.create({ data: { email: `${uniq(name)}@test.example`, name, passwordHash: 'scrypt$secret' } })
  memberA = (await user('member-a')).id
  memberB = (await user('member-b')).id
  loner = (await user('loner')).id
  await p.tenantMembership.create({ data: { tenantId: a.id, userId: memberA, role: 'owner' } })
  await p.tenantMembership.create({ data: { tenantId: b.id, userId: memberB, role: 'owner' } })
})

afterAll(async () => {
  await db.close()
})

async function asTenant<T>(
  tenantId: string,
  fn: (tx: Parameters<Parameters<typeof db.app.$transaction>[0]>[0]) => Promise<T>,
) {
  return db.app.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`
    return fn(tx)
  })
}

describe('the app role with no tenant set', () => {
  it('the catalogue lists the sensitive tables this file is about', () => {
    expect(PLATFORM).toEqual(
      expect.arrayContaining([
        'users',
        'agents',
        'api_keys',
        'payouts',
        'payee_bank_accounts',
        'referrals',
        'sign_in_tokens',
        'user_sessions',
        'stripe_events',
        '_prisma_migrations',
      ]),
    )
  })

  it.each(ALL)('%s: reads zero rows or is refused', async (table) => {
    const outcome = await db.app
      .$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`)
      .catch((e: unknown) => e)
    if (outcome instanceof Error) expect(isDenied(outcome), outcome.message).toBe(true)
    else expect(outcome).toEqual([{ n: 0 }])
  })

  it('the tables it may read do hold rows (so zero above is the policy, not an empty table)', async () => {
    expect(await db.privileged.user.count()).toBeGreaterThanOrEqual(3)
    expect(await db.privileged.subscriptionPlan.count()).toBeGreaterThan(0)
  })
})

describe('columns and writes outside the tenant tables', () => {
  it('every column it can read on a non-tenant table is in the allow-list', async () => {
    const rows = await db.privileged.$queryRaw<{ table: string; column: string }[]>`
      SELECT c.relname AS table, a.attname AS column
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
        AND has_column_privilege(${APP_ROLE}, c.oid, a.attnum, 'SELECT')`
    const readable = rows
      .filter((r) => PLATFORM.includes(r.table))
      .map((r) => `${r.table}.${r.column}`)
      .sort()
    const allowed = Object.entries(READABLE)
      .flatMap(([t, cols]) => cols.map((c) => `${t}.${c}`))
      .sort()
    expect(readable).toEqual(allowed)
  })

  it('no column named like a hash, token, secret, password or key is readable, in any table', async () => {
    const rows = await db.privileged.$queryRaw<{ table: string; column: string }[]>`
      SELECT c.relname AS table, a.attname AS column
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
        AND has_column_privilege(${APP_ROLE}, c.oid, a.attnum, 'SELECT')`
    expect(rows.filter((r) => SECRET_LIKE.test(r.column)).map((r) => `${r.table}.${r.column}`)).toEqual([])
    // The check would see them: these columns exist.
    const all = await db.privileged.$queryRaw<
      { column: string }[]
    >`SELECT column_name AS column FROM information_schema.columns WHERE table_schema = 'public'`
    expect(all.map((c) => c.column)).toEqual(
      expect.arrayContaining(['password_hash', 'token_hash', 'key_hash', 'webhook_secret_hash']),
    )
  })

  it.each(PLATFORM)('%s: no INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES or TRIGGER', async (table) => {
    const [row] = await db.privileged.$queryRawUnsafe<Record<string, boolean>[]>(
      `
      SELECT has_table_privilege($1, $2, 'INSERT') AS insert, has_any_column_privilege($1, $2, 'INSERT') AS insert_col,
             has_table_privilege($1, $2, 'UPDATE') AS update, has_any_column_privilege($1, $2, 'UPDATE') AS update_col,
             has_table_privilege($1, $2, 'DELETE') AS delete, has_table_privilege($1, $2, 'TRUNCATE') AS truncate,
             has_any_column_privilege($1, $2, 'REFERENCES') AS references, has_table_privilege($1, $2, 'TRIGGER') AS
               trigger`,
      APP_ROLE,
      `public."${table}"`,
    )
    expect(
      Object.entries(row!)
        .filter(([, v]) => v)
        .map(([k]) => k),
    ).toEqual([])
  })

  it(`the non-tenant tables it can read at all are exactly the allow-list, each under a policy for the app \
role`, async () => {
    const rows = await db.privileged.$queryRaw<{ table: string; rls: boolean; policies: number }[]>`
      SELECT c.relname AS table, c.relrowsecurity AS rls,
             (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname AND
               ${APP_ROLE} = ANY (p.roles)) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND has_any_column_privilege(${APP_ROLE}, c.oid, 'SELECT')`
    const platform = rows.filter((r) => PLATFORM.includes(r.table))
    expect(platform.map((r) => r.table).sort()).toEqual(Object.keys(READABLE).sort())
    for (const r of platform) expect(r, r.table).toMatchObject({ rls: true, policies: 1 })
  })

  it('UPDATE users SET is_hq_admin = true is refused, with or without a tenant set', async () => {
    await expect(db.app.$executeRawUnsafe(`UPDATE users SET is_hq_admin = true`)).rejects.toThrow(/permission denied/)
    await expect(
      asTenant(tenantA, (tx) => tx.$executeRawUnsafe(`UPDATE users SET is_hq_admin = true WHERE id = $1`, memberA)),
    ).rejects.toThrow(/permission denied/)
    await expect(
      asTenant(tenantA, (tx) =>
        tx.$executeRawUnsafe(`INSERT INTO users (id, email, name, password_hash) VALUES ('x', 'x@x', 'x', 'x')`),
      ),
    ).rejects.toThrow(/permission denied/)
    expect(await db.privileged.user.count({ where: { isHqAdmin: true, id: { in: [memberA, memberB, loner] } } })).toBe(
      0,
    )
  })

  it('a password hash is refused even for a member of the tenant set', async () => {
    await expect(
      asTenant(tenantA, (tx) => tx.$queryRawUnsafe(`SELECT password_hash FROM users WHERE id = $1`, memberA)),
    ).rejects.toThrow(/permission denied/)
    await expect(asTenant(tenantA, (tx) => tx.$queryRawUnsafe(`SELECT * FROM users`))).rejects.toThrow(
      /permission denied/,
    )
  })

  it("with a tenant set, users shows only that tenant's members", async () => {
    const rows = await asTenant(tenantA, (tx) => tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM users`))
    expect(rows.map((r) => r.id)).toEqual([memberA])
    const plans = await asTenant(tenantA, (tx) =>
      tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM subscription_plans`),
    )
    expect(plans[0]!.n).toBeGreaterThan(0)
  })

  it(`a hotel's audit trail is append-only: it writes and reads its own entries, never edits or erases \
them`, async () => {
    await asTenant(tenantA, (tx) =>
      tx.$executeRawUnsafe(
        `INSERT INTO audit_logs (id, actor_type, tenant_id, action, entity) VALUES ($1, 'user', $2, 'create', 'room')`,
        uniq('audit'),
        tenantA,
      ),
    )
    const [own] = await asTenant(tenantA, (tx) =>
      tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_logs`),
    )
    expect(own!.n).toBeGreaterThan(0)
    await expect(
      asTenant(tenantA, (tx) => tx.$executeRawUnsafe(`UPDATE audit_logs SET action = 'nothing happened'`)),
    ).rejects.toThrow(/permission denied/)
    await expect(asTenant(tenantA, (tx) => tx.$executeRawUnsafe(`DELETE FROM audit_logs`))).rejects.toThrow(
      /permission denied/,
    )
  })

  it('a hotel reads its invitations and PMS connections, but not their token or secret hashes', async () => {
    await expect(asTenant(tenantA, (tx) => tx.$queryRawUnsafe(`SELECT token_hash FROM invitations`))).rejects.toThrow(
      /permission denied/,
    )
    await expect(
      asTenant(tenantA, (tx) => tx.$queryRawUnsafe(`SELECT webhook_secret_hash FROM pms_integrations`)),
    ).rejects.toThrow(/permission denied/)
    await expect(
      asTenant(tenantA, (tx) => tx.$queryRawUnsafe(`SELECT id FROM invitations WHERE token_hash = 'x'`)),
    ).rejects.toThrow(/permission denied/)
    expect(
      await asTenant(tenantA, (tx) => tx.$queryRawUnsafe(`SELECT id, email, expires_at FROM invitations`)),
    ).toEqual([])
  })

  it('no sequence of the schema is usable', async () => {
    const rows = await db.privileged.$queryRaw<{ name: string }[]>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S'
        AND (has_sequence_privilege(${APP_ROLE}, c.oid, 'USAGE') OR has_sequence_privilege(${APP_ROLE}, c.oid, 'SELECT')
          OR has_sequence_privilege(${APP_ROLE}, c.oid, 'UPDATE'))`
    expect(rows).toEqual([])
  })
})

describe('tables to come', () => {
  it('no default privilege gives the app role anything; the privileged role keeps its own', async () => {
    const rows = await db.privileged.$queryRaw<{ grantee: string; kind: string; privilege: string }[]>`
      SELECT r.rolname AS grantee, d.defaclobjtype::text AS kind, x.privilege_type AS privilege
      FROM pg_default_acl d CROSS JOIN LATERAL aclexplode(d.defaclacl) x JOIN pg_roles r ON r.oid = x.grantee`
    expect(rows.filter((r) => r.grantee === APP_ROLE)).toEqual([])
    expect(
      rows
        .filter((r) => r.grantee === 'omotenasu_privileged' && r.kind === 'r')
        .map((r) => r.privilege)
        .sort(),
    ).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE'])
  })

  it('the privileged role can still read and write every table but the migration history', async () => {
    const rows = await db.privileged.$queryRaw<{ table: string }[]>`
      SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
        AND NOT (has_table_privilege('omotenasu_privileged', c.oid, 'SELECT') AND
          has_table_privilege('omotenasu_privileged', c.oid, 'INSERT')
                 AND has_table_privilege('omotenasu_privileged', c.oid, 'UPDATE') AND
                   has_table_privilege('omotenasu_privileged', c.oid, 'DELETE'))`
    expect(rows).toEqual([])
  })
})
