// Load shedding: beyond a fixed number of requests in flight the server answers 503 at once, with
// Retry-After, instead of queueing work it cannot finish in time (under overload the backlog grew
// to 1.27 GB RSS, issue 14). The cap defaults to four requests per pooled database connection.
import { DomainError, msg } from './errors.ts'

/** MAX_IN_FLIGHT, else 4 × DATABASE_POOL_SIZE (10): a request holds a connection only per statement. */
export function maxInFlight(env: Record<string, string | undefined> = process.env): number {
  const explicit = Number(env.MAX_IN_FLIGHT)
  if (Number.isInteger(explicit) && explicit > 0) return explicit
  return 4 * (Number(env.DATABASE_POOL_SIZE) || 10)
}

/** Counts requests in flight; `tryEnter` refuses the one past the cap. */
export class InFlightLimiter {
  current = 0
  shed = 0
  constructor(readonly max: number) {}

  tryEnter(): boolean {
    if (this.current >= this.max) {
      this.shed++
      return false
    }
    this.current++
    return true
  }

  leave(): void {
    if (this.current > 0) this.current--
  }
}

export const RETRY_AFTER_SECONDS = 1

/** Requests never shed: the health check (load balancers must see the instance) and Nuxt's assets. */
export function exemptFromShedding(path: string): boolean {
  return path === '/api/health' || path.startsWith('/_nuxt/') || path.startsWith('/__nuxt')
}

export const Overloaded = () =>
  new DomainError(
    'unavailable',
    msg(
      'overloaded',
      'ただいま混み合っています。少し待ってからもう一度お試しください。',
      'The service is busy right now. Please try again in a moment.',
    ),
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  )
