// Bad input stops here, before any route, any database query or any body is buffered whole:
// - the URL: invalid percent-encoding, a NUL byte (PostgreSQL refuses them: 22021), a query key
//   given twice on /api (getQuery would hand the route an array) → 400;
// - the body of a mutation: over its limit (server/lib/limits.ts) → 413, from Content-Length
//   before reading, or while reading a chunked body with a running count; read here once and handed
//   to h3 (readBody / readRawBody / readMultipartFormData find it on req.body); a NUL anywhere in a
//   JSON body → 400.
// Our own middleware instead of nuxt-security's requestSizeLimiter: that one trusts Content-Length
// only (a chunked body passes unbounded) and skips PATCH.
import type { IncomingMessage } from 'node:http'
import { getRequestHeader } from 'h3'
import { Invalid, TooLarge, msg } from '../lib/errors'
import { bodyLimitFor, formatBytes } from '../lib/limits'

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export default defineEventHandler(async (event) => {
  checkUrl(event.path)
  if (!WITH_BODY.has(event.method)) return
  const req = event.node.req as IncomingMessage & { body?: Buffer }
  const length = getRequestHeader(event, 'content-length')
  const chunked = /\bchunked\b/i.test(getRequestHeader(event, 'transfer-encoding') ?? '')
  if (!chunked && !Number(length)) return
  const path = event.path.split('?')[0]!
  const limit = bodyLimitFor(event.method, path)
  if (length !== undefined && Number(length) > limit) refuseTooLarge(limit)
  const body = await readLimited(req, limit).catch((error) => {
    if (error === OVER_LIMIT) refuseTooLarge(limit)
    throw error
  })
  req.body = body
  if (isJson(getRequestHeader(event, 'content-type')) && hasNul(body)) throw nulInBody()
})

function checkUrl(url: string) {
  const [path, query = ''] = splitOnce(url, '?')
  decoded(path, 'path')
  if (!query) return
  const seen = new Set<string>()
  for (const pair of query.split('&')) {
    if (!pair) continue
    const [rawKey, rawValue = ''] = splitOnce(pair, '=')
    const key = decoded(rawKey.replaceAll('+', ' '), 'query')
    decoded(rawValue.replaceAll('+', ' '), 'query')
    if (path.startsWith('/api/') && seen.has(key)) {
      throw Invalid(
        msg(
          'duplicate_query_key',
          `クエリパラメータ「${key}」が複数回指定されています。1 回だけ指定してください。`,
          `The query parameter "${key}" is given more than once; give it once.`,
        ),
        { field: key },
      )
    }
    seen.add(key)
  }
}

function decoded(text: string, where: 'path' | 'query'): string {
  let value: string
  try {
    value = decodeURIComponent(text)
  } catch {
    throw Invalid(
      msg(
        'malformed_url',
        'URL の形式が正しくありません(% エンコードが不正です)。',
        'The URL is malformed (an invalid percent-encoding).',
      ),
      { where },
    )
  }
  if (value.includes('\0')) {
    throw Invalid(
      msg(
        'nul_byte',
        'URL に使用できない文字 (NUL) が含まれています。',
        'The URL contains a NUL character, which is not allowed.',
      ),
      { where },
    )
  }
  return value
}

const OVER_LIMIT = Symbol('over limit')

/** The whole body, or OVER_LIMIT as soon as more than `limit` bytes arrived (the rest is not kept). */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        done()
        req.resume() // drain and discard whatever the client still sends
        reject(OVER_LIMIT)
      } else chunks.push(chunk)
    }
    const onEnd = () => {
      done()
      resolve(Buffer.concat(chunks))
    }
    const onError = (error: Error) => {
      done()
      reject(error)
    }
    req.on('data', onData).on('end', onEnd).on('error', onError)
  })
}

// Node discards (never buffers) what the client still sends after the 413, so the client reads the
// answer instead of a reset connection.
function refuseTooLarge(limit: number): never {
  const size = formatBytes(limit)
  throw TooLarge(
    msg(
      'body_too_large',
      `リクエストが大きすぎます(上限 ${size})。`,
      `The request body is too large (at most ${size}).`,
    ),
  )
}

const isJson = (type: string | undefined) => !type || /^application\/([\w.+-]*\+)?json\b/i.test(type.trim())

/** A NUL byte, or a \u0000 escape that JSON.parse would turn into one (checked by parsing). */
function hasNul(body: Buffer): boolean {
  if (body.includes(0)) return true
  const text = body.toString('utf8')
  if (!/\\u0000/i.test(text)) return false
  try {
    return containsNul(JSON.parse(text))
  } catch {
    return false // not JSON: the route's reader says so
  }
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0')
  if (Array.isArray(value)) return value.some(containsNul)
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k.includes('\0') || containsNul(v))
  return false
}

const nulInBody = () =>
  Invalid(
    msg(
      'nul_byte',
      'リクエスト本文に使用できない文字 (NUL) が含まれています。',
      'The request body contains a NUL character, which is not allowed.',
    ),
    { where: 'body' },
  )

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator)
  return at === -1 ? [text] : [text.slice(0, at), text.slice(at + 1)]
}
