// Domain errors: services throw these with a message a hotel manager can act on; they carry no
// HTTP knowledge. server/error-handler.ts is the one place that maps them to status codes.
export type DomainErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_many_requests' | 'upstream' | 'unavailable'

// (No parameter properties: scripts import this file through Node's type stripping.)
export class DomainError extends Error {
  override name = 'DomainError'
  readonly kind: DomainErrorKind
  readonly data?: Record<string, unknown>
  constructor(kind: DomainErrorKind, message: string, data?: Record<string, unknown>) {
    super(message)
    this.kind = kind
    this.data = data
  }
}

export const Invalid = (message: string, data?: Record<string, unknown>) => new DomainError('invalid', message, data)
export const Unauthorized = (message = 'Please sign in.') => new DomainError('unauthorized', message)
export const Forbidden = (message: string, data?: Record<string, unknown>) => new DomainError('forbidden', message, data)
export const NotFound = (message = 'Not found.') => new DomainError('not_found', message)
export const Conflict = (message: string, data?: Record<string, unknown>) => new DomainError('conflict', message, data)
/** A service we depend on (a PMS, Stripe) failed or did not answer. */
export const Upstream = (message: string, data?: Record<string, unknown>) => new DomainError('upstream', message, data)
/** Not configured on this installation. */
export const Unavailable = (message: string) => new DomainError('unavailable', message)
export const TooManyRequests = (message: string, retryAfterSeconds: number) =>
  new DomainError('too_many_requests', message, { retryAfterSeconds })

export const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  upstream: 502,
  unavailable: 503,
}
