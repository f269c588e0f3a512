// PMS vocabulary: each vendor's room and reservation states mapped onto ours (pure, table-tested).
export const PMS_VENDORS = ['cloudbeds', 'mews', 'opera'] as const
export type PmsVendorCode = (typeof PMS_VENDORS)[number]
export const isPmsVendor = (code: string): code is PmsVendorCode => (PMS_VENDORS as readonly string[]).includes(code)

export type OurRoomStatus = 'clean' | 'dirty' | 'inspected' | 'out_of_order' | 'out_of_service' | 'occupied'
export type OurReservationStatus = 'confirmed' | 'checked_in' | 'checked_out' | 'cancelled' | 'no_show'

/**
 * A room's state from the vendor's housekeeping status and, where the vendor reports it, occupancy.
 * Out of order / out of service win over everything; an occupied room shows as occupied.
 * Returns null for a state we do not know (the record is skipped and reported).
 */
export function mapRoomStatus(
  vendor: PmsVendorCode,
  housekeeping: string | null | undefined,
  occupied = false,
): OurRoomStatus | null {
  const state = (housekeeping ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '')
  const table: Record<PmsVendorCode, Record<string, OurRoomStatus>> = {
    // Mews resource State: Dirty, Clean, Inspected, OutOfService, OutOfOrder.
    mews: {
      dirty: 'dirty',
      clean: 'clean',
      inspected: 'inspected',
      outofservice: 'out_of_service',
      outoforder: 'out_of_order',
    },
    // Cloudbeds housekeeping roomCondition: clean, dirty, inspected; blocked rooms come as out of service.
    cloudbeds: {
      clean: 'clean',
      dirty: 'dirty',
      inspected: 'inspected',
      outofservice: 'out_of_service',
      outoforder: 'out_of_order',
      blocked: 'out_of_service',
    },
    // OPERA housekeepingRoomStatus: Clean, Dirty, Pickup, Inspected, OutOfOrder, OutOfService.
    opera: {
      clean: 'clean',
      dirty: 'dirty',
      pickup: 'dirty',
      inspected: 'inspected',
      outoforder: 'out_of_order',
      outofservice: 'out_of_service',
    },
  }
  const mapped = table[vendor][state]
  if (!mapped) return null
  if (mapped === 'out_of_order' || mapped === 'out_of_service') return mapped
  return occupied ? 'occupied' : mapped
}

/** A reservation's state; null for one we do not know. */
export function mapReservationStatus(
  vendor: PmsVendorCode,
  state: string | null | undefined,
): OurReservationStatus | null {
  const s = (state ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '')
  const table: Record<PmsVendorCode, Record<string, OurReservationStatus>> = {
    // Mews: Inquired, Requested, Optional, Confirmed, Started, Processed, Canceled.
    mews: {
      inquired: 'confirmed',
      requested: 'confirmed',
      optional: 'confirmed',
      confirmed: 'confirmed',
      started: 'checked_in',
      processed: 'checked_out',
      canceled: 'cancelled',
      cancelled: 'cancelled',
    },
    // Cloudbeds: not_confirmed, confirmed, checked_in, checked_out, canceled, no_show.
    cloudbeds: {
      notconfirmed: 'confirmed',
      confirmed: 'confirmed',
      checkedin: 'checked_in',
      checkedout: 'checked_out',
      canceled: 'cancelled',
      cancelled: 'cancelled',
      noshow: 'no_show',
    },
    // OPERA reservationStatus: Reserved, Requested, DueIn, InHouse, DueOut, CheckedOut, Cancelled, NoShow, Waitlisted.
    opera: {
      reserved: 'confirmed',
      requested: 'confirmed',
      duein: 'confirmed',
      waitlisted: 'confirmed',
      inhouse: 'checked_in',
      dueout: 'checked_in',
      checkedout: 'checked_out',
      cancelled: 'cancelled',
      canceled: 'cancelled',
      noshow: 'no_show',
    },
  }
  return table[vendor][s] ?? null
}

/** Sync delay: from the change in the PMS to our write, never negative (clocks drift). */
export function syncDelayMs(changedAt: Date | null, storedAt: Date): number | null {
  if (!changedAt || Number.isNaN(changedAt.getTime())) return null
  return Math.max(0, storedAt.getTime() - changedAt.getTime())
}

/** The design document's bound on the sync delay. */
export const MAX_SYNC_DELAY_MS = 5 * 60_000
