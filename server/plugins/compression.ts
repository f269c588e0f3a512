// Compresses HTML and JSON responses for clients that accept it (brotli, else gzip). Nitro serves
// static assets precompressed (compressPublicAssets in nuxt.config); this covers what handlers and
// the SSR renderer return. Brotli at quality 4: close to gzip's speed, smaller than gzip -6; the
// work runs on libuv's thread pool. Small bodies (< 1 KB) are sent as they are.
import { Socket } from 'node:net'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { appendResponseHeader, getRequestHeader, getResponseHeader, removeResponseHeader, setResponseHeader } from 'h3'
import { pickEncoding } from '../lib/compression'

const MIN_BYTES = 1024
const brotli = promisify(brotliCompress)
const gz = promisify(gzip)
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }

function isPlainJson(body: unknown): body is Record<string, unknown> | unknown[] {
  if (Array.isArray(body)) return true
  if (typeof body !== 'object' || body === null || body instanceof Error) return false
  const proto = Object.getPrototypeOf(body)
  return proto === Object.prototype || proto === null
}

export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('beforeResponse', async (event, response) => {
    const res = event.node.res
    // Nitro's requests to itself (the error page, SSR data) are read back as text: never compressed.
    if (!(event.node.req.socket instanceof Socket)) return
    if (res.headersSent || event.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304) return
    if (getResponseHeader(event, 'content-encoding')) return
    const encoding = pickEncoding(getRequestHeader(event, 'accept-encoding'))
    if (!encoding) return
    const body = response.body
    let text: string
    if (typeof body === 'string') {
      text = body
      if (!getResponseHeader(event, 'content-type')) setResponseHeader(event, 'Content-Type', 'text/html')
    } else if (isPlainJson(body)) {
      text = JSON.stringify(body)
      if (!getResponseHeader(event, 'content-type'))
        setResponseHeader(event, 'Content-Type', 'application/json; charset=utf-8')
    } else return
    const type = String(getResponseHeader(event, 'content-type'))
    if (!/^(text\/html|application\/json)/.test(type)) return
    const plain = Buffer.from(text)
    if (plain.length < MIN_BYTES) return
    response.body = encoding === 'br' ? await brotli(plain, BROTLI_OPTIONS) : await gz(plain)
    setResponseHeader(event, 'Content-Encoding', encoding)
    appendResponseHeader(event, 'Vary', 'Accept-Encoding')
    removeResponseHeader(event, 'content-length')
  })
})
