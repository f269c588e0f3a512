// Domain errors: services throw these with a message a hotel manager can act on; they carry no
// HTTP knowledge. server/error-handler.ts is the one place that maps them to status codes, and
// picks the message in the request's language (server/lib/locale.ts).
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests'
  | 'upstream'
  | 'unavailable'
  | 'too_large'

export type Lang = 'ja' | 'en'

/** A message with a stable code and its text in each language: `msg('guarantee_expired', '…', '…')`. */
export interface LocalizedMessage {
  code: string
  ja: string
  en: string
}
export const msg = (code: string, ja: string, en: string): LocalizedMessage => ({ code, ja, en })

/** Every error a person may see has a code and both languages: a plain string does not compile. */
export type MessageText = LocalizedMessage

// (No parameter properties: scripts import this file through Node's type stripping.)
export class DomainError extends Error {
  override name = 'DomainError'
  readonly kind: DomainErrorKind
  readonly data?: Record<string, unknown>
  readonly code: string
  readonly localized: LocalizedMessage
  constructor(kind: DomainErrorKind, message: MessageText, data?: Record<string, unknown>) {
    super(message.en)
    this.kind = kind
    this.data = data
    this.code = message.code
    this.localized = message
  }

  /** The message in `lang`. */
  messageIn(lang: Lang): string {
    return this.localized[lang]
  }
}

export const Invalid = (message: MessageText, data?: Record<string, unknown>) =>
  new DomainError('invalid', message, data)
export const Unauthorized = (
  message: MessageText = msg('unauthorized', 'サインインしてください。', 'Please sign in.'),
) => new DomainError('unauthorized', message)
export const Forbidden = (message: MessageText, data?: Record<string, unknown>) =>
  new DomainError('forbidden', message, data)
export const NotFound = (
  message: MessageText = msg('not_found', '見つかりません。', 'Not found.'),
  data?: Record<string, unknown>,
) => new DomainError('not_found', message, data)
export const Conflict = (message: MessageText, data?: Record<string, unknown>) =>
  new DomainError('conflict', message, data)
/** A service we depend on (a PMS, Stripe) failed or did not answer. */
export const Upstream = (message: MessageText, data?: Record<string, unknown>) =>
  new DomainError('upstream', message, data)
/** Not configured on this installation. */
export const Unavailable = (message: MessageText) => new DomainError('unavailable', message)
export const TooManyRequests = (message: MessageText, retryAfterSeconds: number) =>
  new DomainError('too_many_requests', message, { retryAfterSeconds })
/** A request body over its limit. */
export const TooLarge = (message: MessageText) => new DomainError('too_large', message)

export const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  too_many_requests: 429,
  upstream: 502,
  unavailable: 503,
}
