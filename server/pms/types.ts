// One interface for every PMS connector; records come out in our vocabulary.
import type { OurReservationStatus, OurRoomStatus, PmsVendorCode } from '../../shared/domain/pms.ts'
import type { HttpStats, RateLimiter } from './http.ts'

export interface PmsRoomRecord {
  externalId: string
  roomNumber: string
  name: string | null
  roomType: string | null
  floor: number | null
  status: OurRoomStatus
  changedAt: Date | null
}
export interface PmsReservationRecord {
  externalId: string
  roomExternalId: string | null
  guestName: string | null
  arrival: string
  departure: string
  status: OurReservationStatus
  changedAt: Date | null
}
/** A record the vendor sent that we could not read: skipped, counted and reported; the sync goes on. */
export interface SkippedRecord {
  kind: 'room' | 'reservation'
  externalId: string | null
  reason: string
}
export interface Pulled<T> {
  records: T[]
  skipped: SkippedRecord[]
}

/** What a webhook names; the records themselves are fetched from the vendor. */
export interface WebhookNotice {
  propertyId: string | null
  rooms: boolean
  reservations: boolean
  eventAt: Date | null
}

export interface PmsConnector {
  vendor: PmsVendorCode
  /** Checks the credentials by calling the vendor; names the property they reach. */
  verify(): Promise<{ propertyId: string; propertyName: string }>
  rooms(): Promise<Pulled<PmsRoomRecord>>
  /**
   * Reservations changed since `modifiedSince`, or (null, or a vendor without incremental reads) the current window.
   */
  reservations(
    modifiedSince: Date | null,
    until: Date,
  ): Promise<Pulled<PmsReservationRecord> & { incremental: boolean }>
  stats: HttpStats
}

export interface ConnectorContext {
  baseUrl: string
  /** Per-credential identity for the rate limit (a hash, never the secret). */
  rateKey: string
  timeoutMs?: number
  /** Records per page (the vendor's maximum unless a test wants more pages). */
  pageSize?: number
  sleep?: (ms: number) => Promise<void>
  limiter?: RateLimiter
}

const DATE = /^\d{4}-\d{2}-\d{2}/

/** 'YYYY-MM-DD' from a vendor date or date-time (dates in the hotel's zone, Asia/Tokyo). */
export function businessDay(value: unknown): string | null {
  if (typeof value !== 'string' || !DATE.test(value)) return null
  if (value.length === 10) return value
  const time = new Date(value)
  if (Number.isNaN(time.getTime())) return null
  return new Date(time.getTime() + 9 * 3_600_000).toISOString().slice(0, 10)
}

export function parseTime(value: unknown): Date | null {
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value)
  if (typeof value !== 'string') return null
  const time = new Date(value.includes('T') || value.includes('Z') ? value : value.replace(' ', 'T') + 'Z')
  return Number.isNaN(time.getTime()) ? null : time
}

export const str = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null
