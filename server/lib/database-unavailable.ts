export { DATABASE_UNAVAILABLE_MESSAGE } from '../../shared/i18n/database-unavailable.ts'

// Whether an error means the database itself is gone (stopped, restarting, unreachable, out of
// connections) rather than a bug or bad input: such a request answers 503 `database_unavailable`
// with Retry-After, never a 500 or a hang, and the pools reconnect by themselves once it is back.

// Prisma: P1001 cannot reach, P1002 reached but timed out, P1008 operation timed out, P1017 server
// closed the connection, P2024 timed out waiting for a pool connection.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024'])
// @prisma/adapter-pg's translation of socket errors and of PostgreSQL's refusal to take more clients.
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections'])
// PostgreSQL: class 08 (connection exception), 57P01–57P03 (shutting down, crashed, starting up),
// 53300 (too many connections). A socket error code counts only on an error of the database client
// (Prisma keeps the code of one the adapter does not translate, e.g. EPIPE): a PMS vendor or Stripe
// throws bare socket errors too.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])
const isLostSqlState = (code: string) => /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '53300'
// node-postgres throws these without a code.
const LOST_MESSAGES = new RegExp(
  [
    'Connection terminated',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error',
    "Can't reach database server",
    'Server has closed the connection',
  ].join('|'),
  'i',
)

interface Inspectable {
  code?: unknown
  clientVersion?: unknown
  message?: unknown
  cause?: unknown
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } }
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false
  const e = error as Inspectable
  const code = typeof e.code === 'string' ? e.code : ''
  if (PRISMA_CODES.has(code) || isLostSqlState(code)) return true
  if (SOCKET_CODES.has(code) && 'clientVersion' in e) return true
  const adapter = e.meta?.driverAdapterError?.cause
  if (adapter) {
    if (typeof adapter.kind === 'string' && ADAPTER_KINDS.has(adapter.kind)) return true
    for (const sqlState of [adapter.originalCode, adapter.code])
      if (typeof sqlState === 'string' && isLostSqlState(sqlState)) return true
  }
  if (typeof e.message === 'string' && LOST_MESSAGES.test(e.message)) return true
  return isDatabaseUnavailable(e.cause, depth + 1)
}

/** Seconds a client should wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5
