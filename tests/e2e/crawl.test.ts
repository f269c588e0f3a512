// Every page of every surface in Chromium, in Japanese and in English, as the role that uses it.
// The list of pages comes from pages/ (a new page is crawled without anyone listing it); the ids of
// the dynamic ones ([id]) come from the demo data through the API, and a dynamic page with no way
// to find an id here fails the test. Fails on console errors and warnings (hydration mismatches
// included: build with HYDRATION_DETAILS=1 to see each one's element and both values), page errors,
// translation keys missing (a key shown as text, or a key in one locale file and not the other),
// and text in the wrong language (a heuristic with allow-lists): see WRONG_LANGUAGE_STRICT.
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { Client, hotelHost, rootHost } from '../helpers/http'

/** Set when the pages speak only their language: then the wrong-language check fails the test. */
const WRONG_LANGUAGE_STRICT = true

type Lang = 'ja' | 'en'
type Role = 'owner' | 'agent' | 'hq' | 'anonymous'
interface Visit {
  path: string
  role: Role
  host: 'hotel' | 'root'
}
interface Finding {
  kind: 'console' | 'pageerror' | 'missing-key' | 'wrong-language' | 'unvisited'
  lang: Lang
  path: string
  text: string
}

const PAGES_DIR = join(import.meta.dirname, '../../pages')
const LOCALES = join(import.meta.dirname, '../../i18n/locales')

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pageFiles(join(dir, e.name)) : e.name.endsWith('.vue') ? [join(dir, e.name)] : [],
  )
}

/** Route paths from pages/**.vue; dynamic ones ([id]) are listed apart. */
function routes() {
  const all = pageFiles(PAGES_DIR).map(
    (f) =>
      `/${relative(PAGES_DIR, f)
        .replace(/\.vue$/, '')
        .replace(/(^|\/)index$/, '')}`.replace(/\/$/, '') || '/',
  )
  return { fixed: all.filter((p) => !p.includes('[')).sort(), dynamic: all.filter((p) => p.includes('[')).sort() }
}

const ANONYMOUS = new Set([
  '/login',
  '/agent/login',
  '/hq/login',
  '/forgot-password',
  '/reset-password',
  '/invite',
  '/signup',
  '/docs/api',
  '/nps',
])
const ROOT_PUBLIC = new Set(['/signup', '/docs/api', '/nps'])

function visitOf(path: string): Visit {
  if (ANONYMOUS.has(path))
    return {
      path,
      role: 'anonymous',
      host: ROOT_PUBLIC.has(path) || path.startsWith('/agent') || path.startsWith('/hq') ? 'root' : 'hotel',
    }
  if (path.startsWith('/agent')) return { path, role: 'agent', host: 'root' }
  if (path.startsWith('/hq')) return { path, role: 'hq', host: 'root' }
  return { path, role: 'owner', host: 'hotel' }
}

function flatKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? flatKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}
const messages = {
  ja: JSON.parse(readFileSync(join(LOCALES, 'ja.json'), 'utf8')),
  en: JSON.parse(readFileSync(join(LOCALES, 'en.json'), 'utf8')),
}
const TOP_KEYS = new Set([...Object.keys(messages.ja), ...Object.keys(messages.en)])

/** Words that are fine on a Japanese page: brands, vendors, acronyms, units, formats. */
const JA_ALLOWED = new RegExp(
  '^(' +
    [
      'OmotenasuAI|Omotenasu|AI|PMS|API|APIs?|CSV|PDF|PNG|SVG|QR|URL|ID|HQ|OAuth|FAQ|ROI|VIP|CSRF|SMTP|BOM|UTF',
      'Mews|Cloudbeds|OPERA|Opera|Oracle|Stripe|OpenAPI|JSON|HTTP|HTTPS|GET|POST|PATCH|PUT|DELETE|Bearer|Zengin',
      'Asia|Tokyo|YYYY|MM|DD|JPY|Inc|Co|Ltd|KK|LLC|www|https?|localhost|example|com|jp|dev|test|demo|English',
      'Platform|REST|Excel|Webhooks?|Authorization|Stripe-Signature|Cloud|omotenasu-demo|CRLF|omk',
      // Plan names are product names, written the same in both languages.
      'Leisure|Economy|Professional|Business|Standard|Premium|Enterprise|Lite',
      // The usual acronyms of subscription KPIs, written the same in Japanese business text.
      'MRR|ARR|NRR|ARPA|CAC|LTV|NPS',
    ].join('|') +
    ')$',
  'i',
)
/**
 * Words of the demo data (people's, hotels' and agents' names, as their owners typed them) are data,
 * not screen text: Latin words on a Japanese page and Japanese on an English one are allowed when
 * the demo data (server/db/seed.ts, the demo seller) has them.
 */
const DEMO_DATA = [
  '../../server/db/seed.ts',
  '../../server/db/seed-kpis.ts',
  '../../server/db/seed-roi.ts',
  '../../server/lib/seller.ts',
]
  .map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'))
  .join('\n')
const DEMO_STRINGS = (DEMO_DATA.match(/'[^'\n]*'/g) ?? []).join(' ')
const DEMO_LATIN = new Set(
  (DEMO_STRINGS.match(/\b[A-Za-z][A-Za-z'’-]{2,}\b/g) ?? [])
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w.toLowerCase()),
)
const EN_ALLOWED = ['日本語']
/**
 * Names and subjects other tests (or people) entered, read through the API when the crawl starts:
 * data, not screen text, in whichever language it was typed.
 */
let enteredData = ''
const ENTERED = /name|subject|campaign|hotel|title|slug|code|description|contact|territory|target|entity/i
function strings(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return ENTERED.test(key) ? [value] : []
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, k))
  return []
}

function wrongLanguage(text: string, lang: Lang): string[] {
  const cleaned = text
    .replace(/\S+@\S+/g, ' ')
    // Placeholders and literals ({slug}, { statusCode, code }) are code, not words.
    .replace(/\{[^}]*\}(\.\w+)*/g, ' ')
    // Document numbers and referral codes (HOTEL-A-2026-0001, KHP-1A2B), hotels' subdomains.
    .replace(/\b[A-Z][A-Z0-9]*(-[A-Z0-9]+)+-?/g, ' ')
    .replace(/\bhotel-[a-z]+\b/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    // API paths named in help text (POST /api/v1/usage) are code.
    .replace(/\/api\/\S+/g, ' ')
    .replace(/\b[\w-]+\.localhost(:\d+)?\S*/g, ' ')
  if (lang === 'en')
    return [
      ...new Set(
        cleaned.match(
          /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef][\u3040-\u30ff\u3400-\u9fff\uff00-\uffef\u3000-\u303f]*/g,
        ) ?? [],
      ),
    ].filter((w) => !EN_ALLOWED.includes(w) && !DEMO_STRINGS.includes(w) && !enteredData.includes(w))
  return [...new Set(cleaned.match(/\b[A-Za-z][A-Za-z'’-]{2,}\b/g) ?? [])].filter(
    (w) => !JA_ALLOWED.test(w) && !DEMO_LATIN.has(w.toLowerCase()) && !enteredData.includes(w),
  )
}

/** Text that is a translation key (vue-i18n shows the key when a message is missing). */
function keysShown(text: string): string[] {
  return [...new Set(text.match(/\b[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_]+)+\b/g) ?? [])].filter(
    (k) => TOP_KEYS.has(k.split('.')[0]!) && !/\.(com|jp|example|localhost)$/.test(k),
  )
}

let browser: Browser
const cookies: Partial<Record<Role, { name: string; value: string; domain: string }[]>> = {}

async function sessionOf(role: Role) {
  if (role === 'anonymous') return []
  if (cookies[role]) return cookies[role]!
  const [email, portal, host] =
    role === 'owner'
      ? (['owner@hotel-a.example', 'hotel', hotelHost('hotel-a')] as const)
      : role === 'agent'
        ? (['agent-gold@agents.example', 'agent', rootHost()] as const)
        : (['hq@omotenasu.example', 'hq', rootHost()] as const)
  const client = new Client(host)
  await client.signIn(email, portal)
  clients[role] = client
  const domain = host.split(':')[0]!
  cookies[role] = [...client.cookies].map(([name, value]) => ({ name, value, domain }))
  return cookies[role]!
}
const clients: Partial<Record<Role, Client>> = {}

/** The rows of a list answer: a plain array, or a page of one ({ items } / { rows } / { data }). */
function rowsOf(body: unknown): { id: string; tenantId?: string }[] {
  if (Array.isArray(body)) return body
  const page = body as { items?: unknown; rows?: unknown; data?: unknown } | null
  const rows = page?.items ?? page?.rows ?? page?.data
  return Array.isArray(rows) ? rows : []
}
async function idsFrom(role: Exclude<Role, 'anonymous'>, path: string) {
  await sessionOf(role)
  const reply = await clients[role]!.get(path)
  if (reply.status !== 200) throw new Error(`GET ${path} as ${role}: ${reply.status} ${reply.text.slice(0, 200)}`)
  return rowsOf(reply.body).slice(0, 1)
}

/**
 * How the crawl finds an id for each dynamic page, from the demo data through the API. A page under
 * pages/ with brackets and no entry here fails the crawl: add its entry when you add the page.
 */
const DYNAMIC: Record<string, () => Promise<Visit[]>> = {
  '/agent/payouts/[id]': async () =>
    (await idsFrom('agent', '/api/v1/agent/payouts')).map((r) => ({
      path: `/agent/payouts/${r.id}`,
      role: 'agent',
      host: 'root',
    })),
  '/billing/invoices/[id]': async () =>
    (await idsFrom('owner', '/api/v1/tenant/invoices')).map((r) => ({
      path: `/billing/invoices/${r.id}`,
      role: 'owner',
      host: 'hotel',
    })),
  '/billing/credit-notes/[id]': async () =>
    (await idsFrom('owner', '/api/v1/tenant/credit-notes')).map((r) => ({
      path: `/billing/credit-notes/${r.id}`,
      role: 'owner',
      host: 'hotel',
    })),
  '/billing/receipts/[id]': async () =>
    (await idsFrom('owner', '/api/v1/tenant/receipts')).map((r) => ({
      path: `/billing/receipts/${r.id}`,
      role: 'owner',
      host: 'hotel',
    })),
  '/hq/documents/[kind]/[tenantId]/[id]': async () =>
    (
      await Promise.all(
        (
          [
            ['invoice', 'invoices'],
            ['credit_note', 'credit-notes'],
            ['receipt', 'receipts'],
          ] as const
        ).map(async ([kind, list]) =>
          (await idsFrom('hq', `/api/v1/hq/${list}`)).map((r): Visit => ({
            path: `/hq/documents/${kind}/${r.tenantId}/${r.id}`,
            role: 'hq',
            host: 'root',
          })),
        ),
      )
    ).flat(),
  '/hq/statements/[id]': async () =>
    (await idsFrom('hq', '/api/v1/hq/payouts')).map((r) => ({
      path: `/hq/statements/${r.id}`,
      role: 'hq',
      host: 'root',
    })),
}

describe.skipIf(!chromiumPath)('every page in ja and en (Chromium)', () => {
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('the two locale files have the same keys', () => {
    const ja = new Set(flatKeys(messages.ja))
    const en = new Set(flatKeys(messages.en))
    expect({ onlyJa: [...ja].filter((k) => !en.has(k)), onlyEn: [...en].filter((k) => !ja.has(k)) }).toEqual({
      onlyJa: [],
      onlyEn: [],
    })
  })

  it('no console errors or missing keys on any page; wrong-language text reported', { timeout: 600_000 }, async () => {
    const { fixed: all, dynamic } = routes()
    // CRAWL_ONLY=/rooms,/hq: only these pages (while fixing what the crawl found).
    const only = process.env.CRAWL_ONLY?.split(',')
    const fixed = only ? all.filter((p) => only.includes(p)) : all
    const findings: Finding[] = []
    const unresolved = dynamic.filter((p) => !DYNAMIC[p])
    const dynamicVisits: Visit[] = []
    for (const role of ['owner', 'agent', 'hq'] as const) await sessionOf(role) // one sign-in each, in turn
    const entered = [
      ['hq', '/api/v1/hq/tenants'],
      ['hq', '/api/v1/hq/agents'],
      ['hq', '/api/v1/hq/outbox'],
      ['hq', '/api/v1/hq/invoices'],
      ['hq', '/api/v1/hq/materials'],
      ['hq', '/api/v1/hq/audit-logs?pageSize=100'],
      ['hq', '/api/v1/hq/pms-vendors'],
      ['hq', '/api/v1/hq/concierge-keys'],
      ['owner', '/api/v1/tenant/members'],
      ['owner', '/api/v1/tenant/invitations'],
      ['agent', '/api/v1/agent/referrals'],
    ] as const
    for (const [role, path] of entered) enteredData += ` ${strings((await clients[role]!.get(path)).body).join(' ')}`
    for (const pattern of dynamic.filter((p) => DYNAMIC[p] && (!only || only.includes(p)))) {
      const visits = await DYNAMIC[pattern]!()
      if (!visits.length)
        findings.push({ kind: 'unvisited', lang: 'ja', path: pattern, text: 'the demo data has none to visit' })
      dynamicVisits.push(...visits)
    }
    const visits = [...fixed.map(visitOf), ...dynamicVisits]
    for (const lang of ['ja', 'en'] as const) {
      for (const visit of visits) {
        const host = visit.host === 'hotel' ? hotelHost('hotel-a') : rootHost()
        const domain = host.split(':')[0]!
        const context = await browser.newContext({
          locale: lang === 'ja' ? 'ja-JP' : 'en-US',
          viewport: { width: 1280, height: 800 },
        })
        await context.addCookies([
          { name: 'omotenasu_locale', value: lang, domain, path: '/' },
          ...(await sessionOf(visit.role)).map((c) => ({ ...c, domain, path: '/' })),
        ])
        const page = await context.newPage()
        const add = (kind: Finding['kind'], text: string) =>
          findings.push({ kind, lang, path: visit.path, text: text.slice(0, 600) })
        const pending: Promise<void>[] = []
        page.on('console', (m) => {
          if (m.type() !== 'error' && m.type() !== 'warning') return
          // A mismatch names its element and both values in the message's arguments: print them.
          if (!m.text().includes('mismatch')) return add('console', `${m.type()}: ${m.text()}`)
          pending.push(
            Promise.all(
              m
                .args()
                .map((a) =>
                  a.evaluate((v) => (v instanceof Element ? v.outerHTML.slice(0, 160) : String(v))).catch(() => '?'),
                ),
            ).then((parts) => void add('console', `${m.type()}: ${parts.join(' ').replace(/\s+/g, ' ')}`)),
          )
        })
        page.on('pageerror', (e) => add('pageerror', e.message))
        const reply = await page.goto(`http://${host}${visit.path}`)
        await page.waitForLoadState('networkidle')
        // Client-side data (the pages' own fetches after hydration) lands before the text is read.
        await page.waitForTimeout(100)
        await Promise.all(pending)
        const finalPath = new URL(page.url()).pathname
        if (finalPath !== visit.path) add('console', `redirected to ${finalPath} (status ${reply?.status()})`)
        // Code (paths, field names in <code>) is the same in every language: left out of the text.
        let text = await page.locator('body').innerText()
        for (const code of await page.locator('code, pre, kbd').allInnerTexts()) text = text.replace(code, ' ')
        for (const k of keysShown(text)) add('missing-key', k)
        for (const w of wrongLanguage(text, lang)) add('wrong-language', w)
        await context.close()
      }
    }
    const byKind = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind)
    const report = (kind: Finding['kind']) =>
      byKind(kind)
        .map((f) => `  [${f.lang}] ${f.path}: ${f.text}`)
        .join('\n')
    console.log(`crawl: ${visits.length} pages × 2 languages (${dynamicVisits.length} with ids from the demo data)`)
    for (const kind of ['console', 'pageerror', 'missing-key', 'wrong-language', 'unvisited'] as const)
      console.log(`crawl ${kind}: ${byKind(kind).length}\n${report(kind)}`)
    expect(unresolved, 'dynamic pages the crawl cannot find an id for: add them to DYNAMIC').toEqual([])
    expect(byKind('console').map((f) => `[${f.lang}] ${f.path}: ${f.text}`)).toEqual([])
    expect(byKind('pageerror').map((f) => `[${f.lang}] ${f.path}: ${f.text}`)).toEqual([])
    expect(byKind('missing-key').map((f) => `[${f.lang}] ${f.path}: ${f.text}`)).toEqual([])
    if (WRONG_LANGUAGE_STRICT)
      expect(byKind('wrong-language').map((f) => `[${f.lang}] ${f.path}: ${f.text}`)).toEqual([])
  })
})
