// The OpenAPI 3.1 document of the platform's API, built from each route file's `meta` (collected
// through routes.ts) and the same zod schemas the routes validate with and answer in
// (z.toJSONSchema, draft 2020-12 — OpenAPI 3.1's dialect), so the document cannot drift from what
// the server accepts and returns.
import { z, type ZodType } from 'zod'
import { routeOfFile, type ApiOperation, type ApiSecurity } from './meta.ts'
import { API_OPERATIONS } from './operations.ts'
import { ROUTE_FILES } from './routes.ts'

const TAGS = [
  { name: 'Public', description: 'Plans, signup and referral-code checks on the root domain; no sign-in.' },
  { name: 'Sign-in', description: 'Sessions for the three portals (sealed cookie `omotenasu-session`, 8 hours).' },
  {
    name: 'Hotel admin',
    description: "On the hotel's own host `{slug}.APP_DOMAIN`, signed in as a member (owner, manager, staff).",
  },
  { name: 'Agent portal', description: "On the root domain, signed in as a sales agent's user." },
  { name: 'HQ', description: 'On the root domain, signed in as an HQ admin. Every change is audited.' },
  {
    name: 'PMS vendor API',
    description: 'For PMS vendors, with an API key issued by HQ: `Authorization: Bearer omk_…`.',
  },
  {
    name: 'Concierge usage API',
    description:
      'For the OmotenasuAI concierge product, with a service key issued by HQ: `Authorization: Bearer omc_…`.',
  },
  { name: 'Webhooks', description: 'Called by Stripe and by PMS vendors.' },
]

const SECURITY: Record<ApiSecurity, Record<string, string[]>[]> = {
  none: [],
  any: [{ session: [] }],
  hotel: [{ session: [] }],
  agent: [{ session: [] }],
  hq: [{ session: [] }],
  apiKey: [{ pmsApiKey: [] }],
  conciergeKey: [{ conciergeApiKey: [] }],
  webhook: [{ webhookSecret: [] }, { stripeSignature: [] }],
}

const WHO: Record<ApiSecurity, string> = {
  none: 'Anyone.',
  any: 'Any signed-in user.',
  hotel: 'A member of the hotel, on its host (the role needed is named in the summary).',
  agent: "A sales agent's user.",
  hq: 'An HQ admin.',
  apiKey: 'A PMS vendor (API key).',
  conciergeKey: 'The OmotenasuAI concierge product (service key).',
  webhook: 'The calling service (secret or signature).',
}

function jsonSchema(schema: ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>
  return rest
}

const key = (op: { method: string; path: string }) => `${op.method.toUpperCase()} ${op.path}`

/**
 * Every operation: each route file's own `meta`, then the transitional entries of operations.ts
 * for routes without one. Sorted by path, then method.
 */
export async function apiOperations(): Promise<ApiOperation[]> {
  const fromRoutes: ApiOperation[] = []
  for (const [file, load] of Object.entries(ROUTE_FILES)) {
    const { meta } = await load()
    if (meta) fromRoutes.push({ ...routeOfFile(file)!, ...meta })
  }
  const described = new Set(fromRoutes.map(key))
  return [...fromRoutes, ...API_OPERATIONS.filter((op) => !described.has(key(op)))].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  )
}

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})

function operation(op: ApiOperation) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1]!,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
  const queryParams: Record<string, unknown>[] = []
  if (op.query) {
    const schema = jsonSchema(op.query) as { properties?: Record<string, Record<string, unknown>>; required?: string[] }
    for (const [name, s] of Object.entries(schema.properties ?? {}))
      queryParams.push({
        name,
        in: 'query',
        required: (schema.required ?? []).includes(name) && !('default' in s),
        schema: s,
      })
  }
  if (op.security === 'webhook' && op.path.includes('/pms/'))
    queryParams.push({
      name: 'secret',
      in: 'query',
      required: false,
      schema: { type: 'string' },
      description: "The connection's webhook secret (or send it as a bearer token).",
    })
  const body = op.body
    ? { 'application/json': { schema: jsonSchema(op.body) } }
    : op.bodyByVendor
      ? {
          'application/json': {
            schema: {
              oneOf: Object.entries(op.bodyByVendor).map(([vendor, s]) => ({ title: vendor, ...jsonSchema(s) })),
            },
          },
        }
      : op.multipart
        ? {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'title'],
                properties: {
                  file: { type: 'string', contentMediaType: 'application/octet-stream' },
                  title: { type: 'string' },
                  description: { type: 'string' },
                  minRank: { enum: ['bronze', 'silver', 'gold', 'platinum', 'diamond'] },
                },
              },
            },
          }
        : op.security === 'webhook'
          ? { 'application/json': { schema: { type: 'object', description: "The vendor's own event payload." } } }
          : null
  const success = op.accepted ? '202' : op.created ? '201' : '200'
  const responses: Record<string, unknown> = {
    [success]: {
      description: op.accepted ? 'Accepted; processed in the background.' : op.created ? 'Created.' : 'OK.',
      content: {
        [op.produces ?? 'application/json']: {
          schema: op.produces ? { type: 'string' } : op.response ? jsonSchema(op.response, 'output') : {},
        },
      },
    },
  }
  if (body || op.query || pathParams.length)
    responses['400'] = error('Invalid input, with a message and per-field reasons in `data.fields`.')
  if (op.security !== 'none' && op.security !== 'webhook')
    responses['401'] = error('Not signed in, or the API key is missing, wrong or revoked.')
  if (['hotel', 'agent', 'hq'].includes(op.security))
    responses['403'] = error('Signed in, but without the role or plan feature this needs (the message names it).')
  if (pathParams.length || op.security === 'hotel')
    responses['404'] = error("Not found — also what another tenant's data looks like.")
  if (['post', 'put', 'patch', 'delete'].includes(op.method) && op.security !== 'webhook')
    responses['409'] = error('Conflicts with the current state (the message says which).')
  return {
    operationId: `${op.method}${op.path
      .replace(/^\/api(\/v1)?/, '')
      .replace(/\{(\w+)\}/g, 'By-$1')
      .split(/[/.-]/)
      .filter(Boolean)
      .map((p) => p[0]!.toUpperCase() + p.slice(1))
      .join('')}`,
    summary: op.summary.split(/[.;(]/)[0]!.slice(0, 120),
    description: `${op.summary}\n\n**Who:** ${WHO[op.security]}`,
    tags: [op.tag],
    security: SECURITY[op.security],
    ...(pathParams.length || queryParams.length ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(body ? { requestBody: { required: true, content: body } } : {}),
    responses,
  }
}

export async function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of await apiOperations()) (paths[op.path] ??= {})[op.method] = operation(op)
  return {
    openapi: '3.1.0',
    info: {
      title: 'OmotenasuAI Platform API',
      version: '1.0.0',
      description:
        'The back office of OmotenasuAI: hotels, sales agents, HQ and PMS vendors. Money is an integer number ' +
        'of yen; rates are integer basis points; dates are Asia/Tokyo. Errors are `{ statusCode, code, message, ' +
        "data? }` with a message in the reader's language that a person can act on.",
    },
    servers: [{ url: serverUrl }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'omotenasu-session',
          description: 'Set by POST /api/v1/auth/sign-in. Mutations also need a same-origin Origin header.',
        },
        pmsApiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'omk_…',
          description: 'Issued by HQ per vendor; shown once; revocable.',
        },
        conciergeApiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'omc_…',
          description: 'Issued by HQ for the concierge product; shown once; revocable; opens POST /api/v1/usage only.',
        },
        webhookSecret: {
          type: 'apiKey',
          in: 'query',
          name: 'secret',
          description: "The PMS connection's webhook secret, shown once when the hotel connects.",
        },
        stripeSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'Stripe-Signature',
          description: "Stripe's signature of the payload.",
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['statusCode', 'message'],
          properties: {
            statusCode: { type: 'integer' },
            message: { type: 'string' },
            data: {
              type: 'object',
              properties: { fields: { type: 'object', additionalProperties: { type: 'string' } } },
            },
          },
        },
      },
    },
  }
}
