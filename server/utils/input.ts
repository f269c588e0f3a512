import type { H3Event } from 'h3'
import { readBody, getQuery, getRequestHeader } from 'h3'
import type { z } from 'zod'
import { Invalid, msg } from '../lib/errors'

// The URL (malformed encoding, NUL, duplicated query keys) and the body's size and NUL bytes are
// checked before any route by server/middleware/05.input.ts; these readers add the JSON rules.

/** The request body parsed by `schema`; a ZodError becomes a 400 listing the failing fields. */
export async function readInput<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.output<S>> {
  const type = getRequestHeader(event, 'content-type')
  // h3 would parse a form (urlencoded) body into an object: only JSON is accepted here.
  if (hasBody(event) && !/^application\/([\w.+-]*\+)?json\b/i.test(type?.trim() ?? '')) {
    throw Invalid(
      msg(
        'unsupported_content_type',
        '本文は JSON (Content-Type: application/json) で送ってください。',
        'Send the body as JSON (Content-Type: application/json).',
      ),
      { contentType: type ?? null },
    )
  }
  const body = await readBody(event).catch(() => {
    throw Invalid(
      msg('invalid_json', 'リクエスト本文が正しい JSON ではありません。', 'The request body is not valid JSON.'),
    )
  })
  return schema.parse(body ?? {})
}

export function readQueryInput<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  return schema.parse(getQuery(event))
}

/** A route parameter that must be present. */
export function routeParam(event: H3Event, name: string): string {
  const value = getRouterParam(event, name)
  if (!value) throw Invalid(msg('route_param_missing', `「${name}」が指定されていません。`, `Missing ${name}.`))
  return value
}

function hasBody(event: H3Event): boolean {
  const read = (event.node.req as { body?: Buffer }).body
  if (read) return read.length > 0
  return (
    Number(getRequestHeader(event, 'content-length')) > 0 ||
    /\bchunked\b/i.test(getRequestHeader(event, 'transfer-encoding') ?? '')
  )
}
