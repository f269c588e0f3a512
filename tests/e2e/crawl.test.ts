// Every page of every surface in Chromium, in Japanese and in English, as the role that uses it.
// Fails on console errors and warnings (hydration mismatches; pages already known to mismatch are
// reported until fixed: KNOWN_HYDRATION_MISMATCHES), page errors, and translation keys
// missing (a key shown as text, or a key in one locale file and not the other). Text in the wrong
// language (a heuristic with allow-lists) is reported, not yet failed: see WRONG_LANGUAGE_STRICT.
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { Client, hotelHost, rootHost } from '../helpers/http'

/** Set when the pages speak only their language: then the wrong-language check fails the test. */
const WRONG_LANGUAGE_STRICT = false

/**
 * Pages known to hydrate with mismatches (found by the first crawl; /billing: useId ids of its
 * form fields differ, v-0-11-x on the server and v-0-0-x in the browser; build with
 * HYDRATION_DETAILS=1 to see the others). Their mismatches are reported, not failed, until fixed:
 * remove a page here when it is. A mismatch on any other page, and any other console message, fails.
 */
const KNOWN_HYDRATION_MISMATCHES = new Set([
  '/agent/payouts',
  // Still "Hydration completed but contains mismatches" with no detail after the list work (menus,
  // pagination and the code form mount client-only); /hq/audit and /hq/jobs are clean now.
  '/agent/referrals',
  '/hq',
  '/hq/agents',
  '/hq/invoices',
  '/billing',
  '/hq/payouts',
  '/hq/plans',
  '/hq/settings',
  '/rooms',
  '/staff',
])
const knownMismatch = (f: Finding) =>
  f.kind === 'console' && KNOWN_HYDRATION_MISMATCHES.has(f.path) && /Hydration/.test(f.text)

type Lang = 'ja' | 'en'
type Role = 'owner' | 'agent' | 'hq' | 'anonymous'
interface Visit {
  path: string
  role: Role
  host: 'hotel' | 'root'
}
interface Finding {
  kind: 'console' | 'pageerror' | 'missing-key' | 'wrong-language'
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
])
const ROOT_PUBLIC = new Set(['/signup', '/docs/api'])

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

/** Words that are fine on a Japanese page: brands, vendors, units, formats, seeded names. */
const JA_ALLOWED =
  /^(OmotenasuAI|Omotenasu|AI|PMS|API|APIs?|CSV|PDF|PNG|SVG|QR|URL|ID|HQ|OAuth|Mews|Cloudbeds|OPERA|Opera|Oracle|Stripe|OpenAPI|JSON|HTTP|HTTPS|GET|POST|PATCH|PUT|DELETE|Bearer|Zengin|Asia|Tokyo|YYYY|MM|DD|JPY|Ryokan|Sakura|Leisure|Economy|Professional|Business|Standard|Premium|Enterprise|Lite|Basic|Gold|Silver|Bronze|Platinum|Diamond|English|Inc|Co|Ltd|KK|LLC|www|https?|localhost|example|com|jp|dev|test|demo|omotenasu-demo|Hotel|Agent|Agents|Partners|Tanaka|Sato|Suzuki|Yamada)$/i
/** Japanese that is fine on an English page: the language switch's own name, seeded names. */
const EN_ALLOWED = ['日本語', '旅館', 'さくら', '株式会社', '円']

function wrongLanguage(text: string, lang: Lang): string[] {
  const cleaned = text
    .replace(/\S+@\S+/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[\w-]+\.localhost(:\d+)?\S*/g, ' ')
  if (lang === 'en')
    return [
      ...new Set(
        cleaned.match(
          /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef][\u3040-\u30ff\u3400-\u9fff\uff00-\uffef\u3000-\u303f]*/g,
        ) ?? [],
      ),
    ].filter((w) => !EN_ALLOWED.some((a) => w.includes(a) || a.includes(w)))
  return [...new Set(cleaned.match(/\b[A-Za-z][A-Za-z'’-]{2,}\b/g) ?? [])].filter((w) => !JA_ALLOWED.test(w))
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
  const domain = host.split(':')[0]!
  cookies[role] = [...client.cookies].map(([name, value]) => ({ name, value, domain }))
  return cookies[role]!
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
    for (const lang of ['ja', 'en'] as const) {
      for (const visit of fixed.map(visitOf)) {
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
          findings.push({ kind, lang, path: visit.path, text: text.slice(0, 300) })
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') add('console', `${m.type()}: ${m.text()}`)
        })
        page.on('pageerror', (e) => add('pageerror', e.message))
        const reply = await page.goto(`http://${host}${visit.path}`)
        await page.waitForLoadState('networkidle')
        const finalPath = new URL(page.url()).pathname
        if (finalPath !== visit.path) add('console', `redirected to ${finalPath} (status ${reply?.status()})`)
        const text = await page.locator('body').innerText()
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
    console.log(`crawl: ${fixed.length} pages × 2 languages; dynamic pages not visited: ${dynamic.join(', ')}`)
    for (const kind of ['console', 'pageerror', 'missing-key', 'wrong-language'] as const)
      console.log(`crawl ${kind}: ${byKind(kind).length}\n${report(kind)}`)
    const known = findings.filter(knownMismatch)
    if (known.length)
      console.warn(
        `crawl: ${known.length} hydration mismatches on known pages (reported, not failed):\n${known.map((f) => `  [${f.lang}] ${f.path}: ${f.text}`).join('\n')}`,
      )
    if (byKind('wrong-language').length)
      console.warn(`crawl: ${byKind('wrong-language').length} wrong-language findings (reported, not failed)`)
    expect(
      byKind('console')
        .filter((f) => !knownMismatch(f))
        .map((f) => `[${f.lang}] ${f.path}: ${f.text}`),
    ).toEqual([])
    expect(byKind('pageerror').map((f) => `[${f.lang}] ${f.path}: ${f.text}`)).toEqual([])
    expect(byKind('missing-key').map((f) => `[${f.lang}] ${f.path}: ${f.text}`)).toEqual([])
    if (WRONG_LANGUAGE_STRICT) expect(byKind('wrong-language')).toEqual([])
  })
})
