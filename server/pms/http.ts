// HTTP to a PMS vendor, the same way for every connector: a timeout on each attempt, retries with
// exponential backoff on network errors and 5xx, 429 honoured with its Retry-After, a per-credential
// rate limit kept under the vendor's published one, and one re-authentication on 401 (expired token).
// Errors come out as VendorError with a kind the sync records and a hotel manager can act on.

export type VendorErrorKind = 'auth' | 'rate_limited' | 'unavailable' | 'timeout' | 'bad_response' | 'rejected'

// (No parameter properties: scripts and benchmarks import this through Node's type stripping.)
export class VendorError extends Error {
  override name = 'VendorError'
  readonly kind: VendorErrorKind
  readonly status?: number
  constructor(kind: VendorErrorKind, message: string, status?: number) {
    super(message)
    this.kind = kind
    this.status = status
  }
}

export interface RateLimit {
  requests: number
  perMs: number
}

export interface VendorHttpOptions {
  vendor: string
  baseUrl: string
  /** Identifies the credential the rate limit applies to (never the secret itself). */
  rateKey: string
  rate: RateLimit
  timeoutMs?: number
  maxRetries?: number
  /** Headers for each attempt (an access token may change between attempts). */
  headers?: () => Promise<Record<string, string>> | Record<string, string>
  /** Called once on 401; returns true when new credentials are ready to retry with. */
  reauthenticate?: () => Promise<boolean>
  sleep?: (ms: number) => Promise<void>
  /** Shared across app instances in production (PostgreSQL); this process's memory by default. */
  limiter?: RateLimiter
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT'
  path: string
  query?: Record<string, string | number | undefined>
  json?: unknown
  form?: Record<string, string>
  headers?: Record<string, string>
}

export interface HttpStats {
  requests: number
  retries: number
  rateLimited: number
  reauthenticated: number
}

/** Per attempt: PMS_HTTP_TIMEOUT_MS (the reliability test shortens it), else 15 s. */
function defaultTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const ms = Number(env.PMS_HTTP_TIMEOUT_MS)
  return Number.isFinite(ms) && ms > 0 ? ms : 15_000
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const MAX_RETRY_AFTER_MS = 60_000

/** Decides when the next request on a credential may go: waits (through `sleep`) until it fits. */
export interface RateLimiter {
  take(key: string, rate: RateLimit, sleep: (ms: number) => Promise<void>): Promise<void>
}

/** A sliding window in this process: for tests and single-instance tools. */
export function memoryRateLimiter(): RateLimiter {
  const windows = new Map<string, number[]>()
  return {
    async take(key, rate, sleep) {
      for (;;) {
        const now = Date.now()
        const recent = (windows.get(key) ?? []).filter((t) => now - t < rate.perMs)
        if (recent.length < rate.requests) {
          recent.push(now)
          windows.set(key, recent)
          return
        }
        await sleep(rate.perMs - (now - recent[0]!) + 1)
      }
    },
  }
}

const processLimiter = memoryRateLimiter()

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

export function createVendorHttp(options: VendorHttpOptions) {
  const sleep = options.sleep ?? defaultSleep
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs()
  const maxRetries = options.maxRetries ?? 4
  const limiter = options.limiter ?? processLimiter
  const stats: HttpStats = { requests: 0, retries: 0, rateLimited: 0, reauthenticated: 0 }

  async function request<T = unknown>(spec: RequestSpec): Promise<T> {
    const url = new URL(
      spec.path.replace(/^\//, ''),
      options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`,
    )
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
    let reauthenticated = false
    for (let attempt = 0; ; attempt++) {
      await limiter.take(options.rateKey, options.rate, sleep)
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...(await options.headers?.()),
        ...spec.headers,
      }
      let body: string | undefined
      if (spec.json !== undefined) {
        headers['content-type'] = 'application/json'
        body = JSON.stringify(spec.json)
      }
      if (spec.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded'
        body = new URLSearchParams(spec.form).toString()
      }
      stats.requests++
      let response: Response
      try {
        response = await fetch(url, {
          method: spec.method,
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        })
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError'
        if (attempt < maxRetries) {
          stats.retries++
          await sleep(backoff(attempt))
          continue
        }
        throw new VendorError(
          timedOut ? 'timeout' : 'unavailable',
          `${options.vendor} did not answer ` +
            `${timedOut ? `within ${timeoutMs / 1000} s` : `(${(error as Error).message})`} after ${attempt + 1} ` +
            `attempts.`,
        )
      }
      if (response.status === 429) {
        stats.rateLimited++
        const wait = retryAfterMs(response.headers.get('retry-after')) ?? backoff(attempt)
        await response.body?.cancel()
        if (attempt < maxRetries && wait <= MAX_RETRY_AFTER_MS) {
          stats.retries++
          await sleep(wait)
          continue
        }
        throw new VendorError(
          'rate_limited',
          `${options.vendor} is limiting our requests (429); the next sync will continue.`,
          429,
        )
      }
      if (response.status === 401 && options.reauthenticate && !reauthenticated) {
        await response.body?.cancel()
        reauthenticated = true
        if (await options.reauthenticate()) {
          stats.reauthenticated++
          continue
        }
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel()
        throw new VendorError(
          'auth',
          `${options.vendor} refused the credentials (${response.status}). Check them in the PMS connection settings.`,
          response.status,
        )
      }
      if (response.status >= 500) {
        await response.body?.cancel()
        if (attempt < maxRetries) {
          stats.retries++
          await sleep(backoff(attempt))
          continue
        }
        throw new VendorError(
          'unavailable',
          `${options.vendor} is unavailable (${response.status}) after ${attempt + 1} attempts.`,
          response.status,
        )
      }
      const text = await response.text()
      if (response.status >= 400)
        throw new VendorError(
          'rejected',
          `${options.vendor} rejected the request (${response.status}): ${text.slice(0, 200)}`,
          response.status,
        )
      try {
        return (text ? JSON.parse(text) : null) as T
      } catch {
        throw new VendorError(
          'bad_response',
          `${options.vendor} answered with something that is not JSON.`,
          response.status,
        )
      }
    }
  }

  return { request, stats }
}

/** 250 ms, 500 ms, 1 s, 2 s … with ±20% jitter, at most 8 s. */
function backoff(attempt: number): number {
  const base = Math.min(8_000, 250 * 2 ** attempt)
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

export type VendorHttp = ReturnType<typeof createVendorHttp>
