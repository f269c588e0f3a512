// What the reliability tests share: the control server of scripts/test-reliability.ts (which owns the
// app and PostgreSQL processes), and the figures each test reports on its last line.
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export interface Figures {
  requests: number
  faults: number
  rows: number
  lost: number
}

/** Runs an action of the harness: '/app/start', '/app/kill', '/app/kill-at', '/pg/stop', '/pg/start'. */
export async function control<T = Record<string, unknown>>(action: string, body: Record<string, unknown> = {}) {
  const base = process.env.TEST_CONTROL_URL
  if (!base) throw new Error('TEST_CONTROL_URL is not set: run these tests through `npm run test:reliability`.')
  const res = await fetch(`${base}${action}`, { method: 'POST', body: JSON.stringify(body) })
  const json = (await res.json()) as T & { error?: string }
  if (!res.ok) throw new Error(`${action}: ${json.error ?? res.status}`)
  return json
}

/** Restarts the app with extra environment (a fault point's delay), or plainly. */
export async function restartApp(env: Record<string, string> = {}) {
  await control('/app/kill')
  return control<{ pid: number }>('/app/start', { env })
}

/** Prints the test's figures as its last line, and hands them to the runner's closing summary. */
export function reportFigures(test: string, f: Figures) {
  console.log(
    `Reliability ${test}: ${f.requests} requests, ${f.faults} faults injected, ${f.rows} rows checked, ${f.lost} lost`,
  )
  const path = process.env.TEST_RELIABILITY_FIGURES
  if (!path) return
  mkdirSync(dirname(path), { recursive: true })
  appendFileSync(path, JSON.stringify({ test, ...f }) + '\n')
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
