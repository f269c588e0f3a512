// A tiny HTTP client for the running app that can set Host (fetch silently drops it), keeps a
// cookie jar per client, and sends the Origin of its host on mutations like a browser would.
import { request } from 'node:http'
import type { Json } from './json'

export interface Reply<T = Json> {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: T
  text: string
}

export function appPort(): number {
  const port = Number(process.env.TEST_APP_PORT)
  if (!port) throw new Error('TEST_APP_PORT is not set: run the e2e tests through `npm test` (scripts/test.ts).')
  return port
}

export class Client {
  cookies = new Map<string, string>()
  /** Another port than the app's (the cluster test talks to one instance directly). */
  port?: number
  constructor(
    public host: string,
    public forwardedFor = `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
  ) {}

  get origin() {
    return `http://${this.host}`
  }

  call<T = Json>(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; host?: string } = {},
  ): Promise<Reply<T>> {
    const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
    const headers: Record<string, string> = {
      host: options.host ?? this.host,
      'x-forwarded-for': this.forwardedFor,
      accept: 'application/json',
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { origin: `http://${options.host ?? this.host}` } : {}),
      ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      ...options.headers,
    }
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port ?? appPort(), method, path, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          for (const line of [res.headers['set-cookie'] ?? []].flat()) {
            const [pair] = line.split(';')
            const [name, ...value] = pair!.split('=')
            if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!)
            else this.cookies.set(name!, value.join('='))
          }
          const text = Buffer.concat(chunks).toString('utf8')
          let body: Json = text
          try {
            body = JSON.parse(text)
          } catch {
            /* html or empty */
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text })
        })
      })
      req.on('error', reject)
      if (payload !== undefined) req.write(payload)
      req.end()
    })
  }

  get<T = Json>(path: string, options?: Parameters<Client['call']>[2]) {
    return this.call<T>('GET', path, options)
  }
  post<T = Json>(path: string, body?: unknown, options?: Parameters<Client['call']>[2]) {
    return this.call<T>('POST', path, { ...options, body })
  }
  patch<T = Json>(path: string, body?: unknown, options?: Parameters<Client['call']>[2]) {
    return this.call<T>('PATCH', path, { ...options, body })
  }
  delete<T = Json>(path: string, options?: Parameters<Client['call']>[2]) {
    return this.call<T>('DELETE', path, options)
  }
  put<T = Json>(path: string, body?: unknown, options?: Parameters<Client['call']>[2]) {
    return this.call<T>('PUT', path, { ...options, body })
  }

  async signIn(email: string, portal: 'hotel' | 'agent' | 'hq', password = 'omotenasu-demo') {
    const reply = await this.post('/api/v1/auth/sign-in', { email, password, portal })
    if (reply.status !== 200) throw new Error(`sign-in of ${email} failed: ${reply.status} ${reply.text}`)
    return reply
  }
}

export const hotelHost = (slug: string) => `${slug}.localhost:${appPort()}`
export const rootHost = () => `localhost:${appPort()}`
