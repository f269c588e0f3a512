// An operation's metadata, written once beside its route: each route file under server/api/v1 and
// server/api/webhooks exports `meta = defineApiMeta({ … })` next to its handler, with the same zod
// schemas the handler validates with and the schema of its answer. server/openapi/routes.ts (made
// by `npm run openapi:routes`) collects them; document.ts renders the OpenAPI document.
import type { ZodType } from 'zod'

export type ApiSecurity = 'none' | 'any' | 'hotel' | 'agent' | 'hq' | 'apiKey' | 'conciergeKey' | 'webhook'

export interface ApiMeta {
  tag: string
  security: ApiSecurity
  summary: string
  body?: ZodType
  /** One body schema per value of the {vendor} path parameter. */
  bodyByVendor?: Readonly<Record<string, ZodType>>
  query?: ZodType
  /** A multipart upload (file plus fields) instead of JSON. */
  multipart?: boolean
  produces?: string
  /** What a successful call answers (JSON), rendered as JSON Schema in the document. */
  response?: ZodType
  /** Answers 201 Created. */
  created?: boolean
  /** Answers 202 Accepted (work continues in the background). */
  accepted?: boolean
}

/** An operation: its metadata plus where it lives (derived from the route file's name). */
export interface ApiOperation extends ApiMeta {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
}

/** Typed identity: `export const meta = defineApiMeta({ tag, security, summary, body?, response? })`. */
export function defineApiMeta(meta: ApiMeta): ApiMeta {
  return meta
}

/** Nitro's file routing: server/api/v1/hq/agents/[id].patch.ts → PATCH /api/v1/hq/agents/{id}. */
export function routeOfFile(file: string): { method: ApiOperation['method']; path: string } | null {
  const match = file.match(/^server(\/api\/.*)\.(get|post|put|patch|delete)\.ts$/)
  if (!match) return null
  const path = match[1]!
    .split('/')
    .filter((p) => p !== 'index')
    .map((p) => p.replace(/\[(\w+)\]/g, '{$1}'))
    .join('/')
  return { method: match[2] as ApiOperation['method'], path }
}
