// Raw HTTP for the fuzz suite: any method, any (even malformed) path, any Host, headers and body
// bytes; a response is a result even when the server closes before the body was all sent (413).
import { Agent, request } from 'node:http'
import { appPort } from '../helpers/http'

export interface RawRequest {
  method: string
  path: string
  host: string
  headers?: Record<string, string>
  body?: Buffer | string
}
export interface RawReply {
  status: number
  text: string
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 })

export function send(r: RawRequest): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    let answered = false
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body)
    const req = request(
      {
        host: '127.0.0.1',
        port: appPort(),
        method: r.method,
        path: r.path,
        agent,
        headers: {
          host: r.host,
          accept: 'application/json',
          ...(body ? { 'content-length': String(body.length) } : {}),
          ...r.headers,
        },
      },
      (res) => {
        answered = true
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.setTimeout(30_000, () => req.destroy(new Error('timed out after 30 s')))
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    if (body) req.write(body)
    req.end()
  })
}

/** "METHOD host path [content-type] body…" for a failure report. */
export function describe(r: RawRequest): string {
  const body =
    r.body === undefined
      ? ''
      : ` ${String(r.body).slice(0, 300)}${String(r.body).length > 300 ? `… (${String(r.body).length} bytes)` : ''}`
  const headers = Object.entries(r.headers ?? {})
    .filter(([k]) => k !== 'cookie')
    .map(([k, v]) => `${k}: ${k === 'authorization' ? 'Bearer …' : v}`)
    .join('; ')
  return `${r.method} http://${r.host}${r.path.slice(0, 300)}${headers ? ` [${headers}]` : ''}${body}`
}
