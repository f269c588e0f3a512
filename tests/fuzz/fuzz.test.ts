// The fuzz and isolation suite (npm run test:fuzz): the built app over HTTP with the seeded demo
// database. Every operation of the OpenAPI document, sent as every demo identity:
//  1. generated invalid inputs (fast-check, seeded: FUZZ_SEED reproduces a run) → never a 5xx, and
//     no table's row count changes after a rejected (4xx) request;
//  2. the cross-tenant matrix: other parties' real ids in the path, on every host → no 5xx, no
//     response carrying another party's ids, emails, slugs or names.
// The last line: `fuzz: N requests, N 5xx, N leaks`; the test fails if either is above zero.
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Client, appPort } from '../helpers/http'
import { describe as show, send, type RawReply, type RawRequest } from './http'
import type { Json } from '../helpers/json'

const SEED = Number(process.env.FUZZ_SEED ?? 20261123)
const CASES_PER_ROLE = Number(process.env.FUZZ_CASES ?? 8)
const root = () => `localhost:${appPort()}`
const hotel = (slug: string) => `${slug}.localhost:${appPort()}`

interface Operation {
  method: string
  path: string
  security: string[]
  body?: JsonSchema
  multipart: boolean
  query: { name: string; schema: JsonSchema }[]
}
interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  oneOf?: JsonSchema[]
  items?: JsonSchema
  enum?: unknown[]
}
interface Identity {
  name: string
  host: string
  headers: Record<string, string>
  parties: string[] | 'all'
}
interface Party {
  key: string
  host?: string
  ids: Record<string, string[]>
  markers: Set<string>
  /** Other parties' markers it sees by design: a referrer reads the names of the hotels it referred. */
  sees?: Set<string>
}

const stats = { requests: 0, errors5xx: 0, leaks: 0, countChanges: 0 }
const failures: string[] = []
let db: pg.Client
let countSql = ''
let baseline = ''
let operations: Operation[] = []
const identities: Identity[] = []
const parties = new Map<string, Party>()

// ---------------------------------------------------------------------------------------------
beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.TEST_E2E_OWNER_URL })
  await db.connect()
  const doc = JSON.parse((await send({ method: 'GET', path: '/api/v1/openapi.json', host: root() })).text)
  operations = readOperations(doc)
  await collectParties()
  await signInIdentities()
  // Tables written by design on a refused request (failed sign-ins are counted to throttle them),
  // or by the schedulers in the background: not compared.
  const tables = (
    await db.query<{
      name: string
    }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE '\\_prisma%' ORDER BY 1`)
  ).rows
    .map((r) => r.name)
    .filter((t) => !/throttle|rate_bucket|job_runs|session/.test(t))
  countSql = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ')
  baseline = await counts()
}, 120_000)

afterAll(async () => {
  // The first few of each kind, so one noisy kind cannot hide another.
  const kinds = new Map<string, string[]>()
  for (const f of failures) {
    const kind = f.split(' ')[0]!
    kinds.set(kind, [...(kinds.get(kind) ?? []), f])
  }
  for (const [kind, list] of kinds) {
    console.log(list.slice(0, 15).join('\n'))
    if (list.length > 15) console.log(`… and ${list.length - 15} more ${kind}`)
  }
  console.log(`fuzz: seed ${SEED}, ${stats.countChanges} row-count changes after a rejected request`)
  console.log(`fuzz: ${stats.requests} requests, ${stats.errors5xx} 5xx, ${stats.leaks} leaks`)
  await db?.end()
})

// ---------------------------------------------------------------------------------------------
it('invalid inputs to every operation as every identity: no 5xx, no rows changed on a refusal', async () => {
  let run = 0
  for (const op of operations) {
    for (const who of identities) {
      if (op.path === '/api/v1/auth/sign-out') continue // would end the identity's session
      const cases = fc.sample(caseArbitrary(op), { seed: SEED + run++, numRuns: CASES_PER_ROLE })
      for (const c of cases) await check(who, buildInvalid(op, who, c), { compareCounts: true })
    }
    // One oversize body per operation that takes one, over the largest limit that applies.
    if (op.method !== 'get') {
      const size = op.multipart ? 11 * 1024 * 1024 : op.path.startsWith('/api/webhooks/') ? 300 * 1024 : 1024 * 1024 + 1
      const anon = identities.find((i) => i.name === 'anonymous')!
      const hq = identities.find((i) => i.name === 'hq')!
      for (const who of [anon, hq]) {
        await check(
          who,
          {
            method: op.method.toUpperCase(),
            path: fillPath(op.path, () => 'x'),
            host: hostFor(op, who),
            headers: { ...who.headers, origin: `http://${hostFor(op, who)}`, 'content-type': 'application/json' },
            body: Buffer.alloc(size, 0x20),
          },
          { compareCounts: true, expect413: true },
        )
      }
    }
  }
  expect(stats.errors5xx).toBe(0)
  expect(stats.countChanges).toBe(0)
})

it("cross-tenant matrix: every operation × identity × other parties' ids and hosts leaks nothing", async () => {
  const hosts = [root(), hotel('hotel-a'), hotel('hotel-b'), hotel('hotel-c')]
  // HQ last: its legitimate changes (it may act on any party) must not disturb the others' runs.
  for (const who of [...identities.filter((i) => i.name !== 'hq'), identities.find((i) => i.name === 'hq')!]) {
    for (const op of operations) {
      if (
        op.path === '/api/v1/auth/sign-out' ||
        op.path === '/api/v1/auth/sign-in' ||
        op.path === '/api/v1/auth/accept-invite'
      )
        continue
      const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
      const others = [...parties.values()].filter(
        (p) => (who.parties !== 'all' && !who.parties.includes(p.key)) || who.parties === 'all',
      )
      const targets: { path: string; host: string }[] = []
      if (!params.length) for (const host of hosts) targets.push({ path: op.path, host })
      else {
        for (const party of others) {
          for (const values of idCombos(party, params)) {
            const path = fillPath(op.path, (name) => values[name]!)
            for (const host of new Set([who.host, party.host ?? root()])) targets.push({ path, host })
          }
        }
      }
      for (const t of targets) {
        // would revoke the fuzz's own key
        if (who.name === 'hq' && op.method === 'delete' && op.path.startsWith('/api/v1/hq/api-keys')) continue
        const body = op.method === 'get' || op.method === 'delete' ? undefined : op.multipart ? undefined : '{}'
        await check(
          who,
          {
            method: op.method.toUpperCase(),
            path: t.path,
            host: t.host,
            headers: {
              ...who.headers,
              ...(body ? { 'content-type': 'application/json' } : {}),
              ...(op.method !== 'get' ? { origin: `http://${t.host}` } : {}),
            },
            body,
          },
          { compareCounts: who.name !== 'hq' },
        )
      }
    }
  }
  expect(stats.errors5xx).toBe(0)
  expect(stats.leaks).toBe(0)
  expect(stats.countChanges).toBe(0)
})

// ---------------------------------------------------------------------------------------------
async function check(who: Identity, r: RawRequest, options: { compareCounts: boolean; expect413?: boolean }) {
  let reply: RawReply
  stats.requests++
  try {
    reply = await send(r)
  } catch (error) {
    stats.errors5xx++
    failures.push(`NO ANSWER (${(error as Error).message}) as ${who.name}: ${show(r)}`)
    return
  }
  if (reply.status >= 500 && !deliberate(reply)) {
    stats.errors5xx++
    failures.push(`${reply.status} as ${who.name}: ${show(r)}\n    → ${reply.text.slice(0, 300)}`)
  }
  if (options.expect413 && reply.status !== 413 && reply.status < 500)
    failures.push(`expected 413, got ${reply.status} as ${who.name}: ${show(r)}`)
  if (who.parties !== 'all') {
    // A value the request itself carried (an id echoed in "Unsupported vendor …") tells nothing.
    const sent = `${r.path} ${r.body ?? ''}`
    const leaked = leakedMarkers(who, reply.text).filter((m) => !sent.includes(m.slice(m.lastIndexOf(':') + 1)))
    if (leaked.length) {
      stats.leaks++
      failures.push(
        `LEAK ${leaked.join(', ')} as ${who.name}: ${show(r)}\n    → ${reply.status} ${reply.text.slice(0, 300)}`,
      )
    }
  }
  if (!options.compareCounts) {
    baseline = await counts()
    return
  }
  const now = await counts()
  if (reply.status >= 400 && reply.status < 500 && now !== baseline) {
    stats.countChanges++
    failures.push(`ROWS CHANGED after ${reply.status} as ${who.name}: ${show(r)}\n    ${diffCounts(baseline, now)}`)
  }
  baseline = now
}

/** 502/503 with a stable code: a vendor or service is down or not configured, said on purpose. */
function deliberate(reply: RawReply): boolean {
  if (reply.status !== 502 && reply.status !== 503) return false
  try {
    return typeof JSON.parse(reply.text).code === 'string'
  } catch {
    return false
  }
}

async function counts(): Promise<string> {
  const { rows } = await db.query<{ t: string; n: number }>(countSql)
  return rows.map((r) => `${r.t}=${r.n}`).join(' ')
}

function diffCounts(before: string, after: string): string {
  const a = new Map(before.split(' ').map((p) => p.split('=') as [string, string]))
  return after
    .split(' ')
    .map((p) => p.split('=') as [string, string])
    .filter(([t, n]) => a.get(t) !== n)
    .map(([t, n]) => `${t}: ${a.get(t)} → ${n}`)
    .join(', ')
}

function leakedMarkers(who: Identity, text: string): string[] {
  if (who.parties === 'all') return []
  const own = new Set<string>()
  for (const key of who.parties)
    for (const m of [...(parties.get(key)?.markers ?? []), ...(parties.get(key)?.sees ?? [])]) own.add(m)
  const leaked: string[] = []
  for (const party of parties.values()) {
    if (who.parties.includes(party.key)) continue
    for (const m of party.markers) if (!own.has(m) && text.includes(m)) leaked.push(`${party.key}:${m}`)
  }
  return leaked
}

// --- the OpenAPI document --------------------------------------------------------------------
function readOperations(doc: { paths: Record<string, Record<string, Json>> }): Operation[] {
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {}
      ops.push({
        method,
        path,
        security: (op.security ?? []).flatMap((s: object) => Object.keys(s)),
        body: content['application/json']?.schema,
        multipart: Boolean(content['multipart/form-data']),
        query: (op.parameters ?? [])
          .filter((p: Json) => p.in === 'query')
          .map((p: Json) => ({ name: p.name, schema: p.schema })),
      })
    }
  }
  return ops
}

// --- generated invalid inputs ----------------------------------------------------------------
const MALFORMED_IDS = [
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%zz',
  '%',
  "'%20OR%201=1--",
  '..%2F..%2Fetc%2Fpasswd',
  '-1',
  '0',
  '1e309',
  'null',
  'a'.repeat(5000),
  '%F0%9F%98%80',
  '%E2%80%AE',
  '%5B%5D',
  '%7B%7D',
]
const WEIRD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  -2_147_483_649,
  1e308,
  3.5,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x'.repeat(100_000),
  '😀\u202e\u0301日本語',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  [],
  [1, 2],
  {},
  { $ne: null },
  '1e309',
  '9'.repeat(400),
]
const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
]

interface FuzzCase {
  body: unknown
  raw: string | null
  id: string
  query: string
  contentType: string
}

function caseArbitrary(op: Operation): fc.Arbitrary<FuzzCase> {
  const bodies = op.body ? schemaMutations(op.body) : [{}]
  return fc.record({
    body: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...bodies) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    ),
    raw: fc.option(
      fc.constantFrom('{', '{"a":', 'null', '[]', '"text"', '\u0000', '{"a":"\\u0000"}', 'a=1&a=2', '\u00ff\u00fe'),
      { freq: 5 },
    ),
    id: fc.oneof(
      fc.constantFrom(...MALFORMED_IDS),
      fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent),
    ),
    query: fc.constantFrom(
      '',
      '?a=1&a=2',
      '?x=%00',
      '?x=%zz',
      ...op.query.flatMap((q) => [
        `?${q.name}=a&${q.name}=b`,
        `?${q.name}=%00`,
        `?${q.name}=${'9'.repeat(400)}`,
        `?${q.name}=-1`,
        `?${q.name}[]=1`,
      ]),
    ),
    contentType: fc.constantFrom(...CONTENT_TYPES),
  })
}

/** Wrong types, missing required fields, huge and NUL strings, extreme numbers, extra fields. */
function schemaMutations(schema: JsonSchema): unknown[] {
  const variants = schema.oneOf ?? [schema]
  const out: unknown[] = [{}, [], null, 'text', 42]
  for (const s of variants) {
    const props = s.properties ?? {}
    const valid: Record<string, unknown> = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, plausible(p)]))
    out.push(valid, { ...valid, unexpected: 'field' })
    for (const name of s.required ?? []) {
      const { [name]: _, ...rest } = valid
      out.push(rest)
    }
    for (const name of Object.keys(props)) for (const w of WEIRD_VALUES) out.push({ ...valid, [name]: w })
  }
  return out
}

function plausible(s: JsonSchema): unknown {
  if (s.enum?.length) return s.enum[0]
  const type = Array.isArray(s.type) ? s.type[0] : s.type
  if (type === 'number' || type === 'integer') return 1
  if (type === 'boolean') return true
  if (type === 'array') return []
  if (type === 'object') return {}
  return 'fuzz'
}

function buildInvalid(op: Operation, who: Identity, c: FuzzCase): RawRequest {
  const path = fillPath(op.path, () => c.id) + c.query
  const headers: Record<string, string> = { ...who.headers }
  let body: string | undefined
  if (op.method !== 'get') {
    body = c.raw ?? JSON.stringify(c.body) ?? 'null'
    if (c.contentType) headers['content-type'] = c.contentType
  }
  return { method: op.method.toUpperCase(), path, host: hostFor(op, who), headers, body }
}

function hostFor(op: Operation, who: Identity): string {
  if (who.name === 'anonymous' && /^\/api\/v1\/(tenant|pms\/integration)\//.test(op.path)) return hotel('hotel-a')
  return who.host
}

const fillPath = (path: string, value: (name: string) => string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => value(name))

function idCombos(party: Party, params: string[]): Record<string, string>[] {
  // Each id of the party in every parameter (the route decides what it means), tenant-keyed pairs
  // ({tenantId}/{id}) with the party's own tenant id, {hotel} its slug.
  const all = [...new Set(Object.values(party.ids).flat())]
  return all.map((id) =>
    Object.fromEntries(
      params.map((p) => [
        p,
        p === 'tenantId' ? (party.ids.tenant?.[0] ?? id) : p === 'hotel' ? (party.ids.slug?.[0] ?? id) : id,
      ]),
    ),
  )
}

// --- the parties and identities ----------------------------------------------------------------
async function collectParties() {
  const q = async <T extends pg.QueryResultRow>(sql: string, args: unknown[] = []) =>
    (await db.query<T>(sql, args)).rows
  // A referrer's referral list and funnel name the hotels it brought: their names only, nothing else.
  const referredNames = async (column: string, id: string) =>
    new Set(
      (
        await q<{ name: string }>(
          `SELECT t.name FROM referrals r JOIN tenants t ON t.id = r.referred_tenant_id WHERE r.${column} = $1`,
          [id],
        )
      ).map((r) => r.name),
    )
  for (const t of await q<{ id: string; slug: string; name: string }>('SELECT id, slug, name FROM tenants')) {
    const rooms = (await q<{ id: string }>('SELECT id FROM rooms WHERE tenant_id = $1', [t.id])).map((r) => r.id)
    const invoices = (await q<{ id: string }>('SELECT id FROM invoices WHERE tenant_id = $1', [t.id])).map((r) => r.id)
    const members = await q<{ id: string; email: string; name: string }>(
      'SELECT u.id, u.email, u.name FROM tenant_memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1',
      [t.id],
    )
    const codes = (await q<{ code: string }>('SELECT code FROM referrals WHERE referrer_tenant_id = $1', [t.id])).map(
      (r) => r.code,
    )
    const referred = await referredNames('referrer_tenant_id', t.id)
    parties.set(`tenant:${t.slug}`, {
      key: `tenant:${t.slug}`,
      host: hotel(t.slug),
      ids: {
        tenant: [t.id],
        slug: [t.slug],
        room: rooms.slice(0, 2),
        invoice: invoices.slice(0, 2),
        user: members.map((m) => m.id).slice(0, 2),
      },
      markers: new Set([
        t.id,
        `"${t.slug}"`,
        t.name,
        ...rooms,
        ...invoices,
        ...members.flatMap((m) => [m.id, m.email, m.name]),
        ...codes,
      ]),
      sees: referred,
    })
  }
  for (const a of await q<{ id: string; company_name: string; email: string }>(
    'SELECT id, company_name, email FROM agents',
  )) {
    const users = await q<{ id: string; email: string; name: string }>(
      'SELECT id, email, name FROM users WHERE agent_id = $1',
      [a.id],
    )
    const codes = await q<{ id: string; code: string }>('SELECT id, code FROM referrals WHERE referrer_agent_id = $1', [
      a.id,
    ])
    const payouts = (await q<{ id: string }>('SELECT id FROM payouts WHERE payee_id = $1', [a.id])).map((r) => r.id)
    const referred = await referredNames('referrer_agent_id', a.id)
    parties.set(`agent:${a.email}`, {
      key: `agent:${a.email}`,
      ids: {
        agent: [a.id],
        payout: payouts.slice(0, 2),
        user: users.map((u) => u.id).slice(0, 1),
        referral: codes.map((c) => c.id).slice(0, 1),
      },
      markers: new Set([
        a.id,
        a.company_name,
        a.email,
        ...users.flatMap((u) => [u.id, u.email, u.name]),
        ...codes.flatMap((c) => [c.id, c.code]),
        ...payouts,
      ]),
      sees: referred,
    })
  }
}

async function signInIdentities() {
  const people: [string, string, 'hotel' | 'agent' | 'hq', string, string[] | 'all'][] = [
    ['hotel-a owner', 'owner@hotel-a.example', 'hotel', hotel('hotel-a'), ['tenant:hotel-a']],
    ['hotel-b manager', 'manager@hotel-b.example', 'hotel', hotel('hotel-b'), ['tenant:hotel-b']],
    ['gold agent', 'agent-gold@agents.example', 'agent', root(), ['agent:agent-gold@agents.example']],
    ['bronze agent', 'agent-bronze@agents.example', 'agent', root(), ['agent:agent-bronze@agents.example']],
    ['hq', 'hq@omotenasu.example', 'hq', root(), 'all'],
  ]
  for (const [name, email, portal, host, own] of people) {
    const client = new Client(host, '203.0.113.77')
    await client.signIn(email, portal)
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    identities.push({ name, host, headers: { cookie, 'x-forwarded-for': '203.0.113.77' }, parties: own })
  }
  // A PMS vendor's key, issued through HQ's API as HQ would.
  const hq = identities.find((i) => i.name === 'hq')!
  const vendors = JSON.parse(
    (await send({ method: 'GET', path: '/api/v1/hq/pms-vendors', host: root(), headers: hq.headers })).text,
  )
  const vendor = (Array.isArray(vendors) ? vendors : (vendors.vendors ?? vendors.items)).find(
    (v: { code: string }) => v.code === 'mews',
  )
  const issued = await send({
    method: 'POST',
    path: `/api/v1/hq/pms-vendors/${vendor.id}/api-keys`,
    host: root(),
    headers: { ...hq.headers, origin: `http://${root()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'fuzz' }),
  })
  const key = JSON.parse(issued.text)
  if (issued.status !== 201) throw new Error(`issuing a PMS API key failed: ${issued.status} ${issued.text}`)
  const secret: string = key.key ?? key.token ?? key.apiKey ?? key.secret
  const keyId: string = key.id ?? key.apiKey?.id
  parties.set('vendor:mews', {
    key: 'vendor:mews',
    ids: { vendor: [vendor.id], apiKey: keyId ? [keyId] : [] },
    markers: new Set([vendor.id, ...(keyId ? [keyId] : [])]),
    sees: new Set(
      (
        await db.query<{ name: string }>(
          'SELECT t.name FROM referrals r JOIN tenants t ON t.id = r.referred_tenant_id ' +
            'WHERE r.referrer_pms_vendor_id = $1',
          [vendor.id],
        )
      ).rows.map((r) => r.name),
    ),
  })
  identities.push({
    name: 'pms vendor (mews)',
    host: root(),
    headers: { authorization: `Bearer ${secret}` },
    parties: ['vendor:mews'],
  })
  identities.push({ name: 'anonymous', host: root(), headers: {}, parties: [] })
}
