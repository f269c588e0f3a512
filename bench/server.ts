// The built server for the HTTP benches: started on a given database with the env scripts/test.ts
// uses (BENCH=1 enables GET /api/bench/bare), and a small client that can set Host.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { join } from 'node:path'
import { root } from '../scripts/lib/database.ts'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export function call(port: number, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

export async function signIn(port: number, host: string, email: string, portal: 'hotel' | 'agent' | 'hq') {
  const body = JSON.stringify({ email, password: 'omotenasu-demo', portal })
  const headers = { host, origin: `http://${host}`, 'content-type': 'application/json', accept: 'application/json' }
  const reply = await call(port, 'POST', '/api/v1/auth/sign-in', headers, body)
  if (reply.status !== 200) throw new Error(`sign-in of ${email}: ${reply.status} ${reply.body.toString()}`)
  return [reply.headers['set-cookie'] ?? []]
    .flat()
    .map((line) => line.split(';')[0])
    .join('; ')
}

export async function waitForHealth(port: number, app: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode}`)
    const ok = await call(port, 'GET', '/api/health', { host: 'localhost' }).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the app did not become healthy in 60 s')
}

export function startServer(
  output: string,
  port: number,
  urls: { app: string; privileged: string },
  options: { nodeArgs?: string[]; sessionPassword?: string; env?: Record<string, string> } = {},
): ChildProcess {
  return spawn(process.execPath, [...(options.nodeArgs ?? []), join(output, 'server', 'index.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: '',
      BENCH: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_APP_URL: urls.app,
      DATABASE_PRIVILEGED_URL: urls.privileged,
      NUXT_SESSION_PASSWORD: options.sessionPassword ?? randomBytes(32).toString('base64url'),
      NUXT_SESSION_COOKIE_SECURE: 'false',
      NUXT_PUBLIC_APP_DOMAIN: 'localhost',
      TRUST_PROXY: '1',
      PMS_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      ...options.env,
    },
  })
}
