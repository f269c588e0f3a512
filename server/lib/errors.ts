// Domain errors: services throw these with a message a hotel manager can act on; they carry no
// HTTP knowledge. server/error-handler.ts is the one place that maps them to status codes.
export type DomainErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_many_requests'

export class DomainError extends Error {
  override name = 'DomainError'
  constructor(readonly kind: DomainErrorKind, message: string, readonly data?: Record<string, unknown>) {
    super(message)
  }
}

export const Invalid = (message: string, data?: Record<string, unknown>) => new DomainError('invalid', message, data)
export const Unauthorized = (message = 'Please sign in.') => new DomainError('unauthorized', message)
export const Forbidden = (message: string, data?: Record<string, unknown>) => new DomainError('forbidden', message, data)
export const NotFound = (message = 'Not found.') => new DomainError('not_found', message)
export const Conflict = (message: string, data?: Record<string, unknown>) => new DomainError('conflict', message, data)
export const TooManyRequests = (message: string, retryAfterSeconds: number) =>
  new DomainError('too_many_requests', message, { retryAfterSeconds })

export const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
}
