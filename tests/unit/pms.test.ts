import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { credentialsKey, open, seal } from '../../server/lib/secret-box'
import { retryAfterMs } from '../../server/pms/http'
import { businessDay } from '../../server/pms/types'
import { isPmsVendor, mapReservationStatus, mapRoomStatus, syncDelayMs } from '../../shared/domain/pms'

describe('vendor room states → ours', () => {
  it.each([
    ['mews', 'Clean', false, 'clean'],
    ['mews', 'Dirty', false, 'dirty'],
    ['mews', 'Inspected', false, 'inspected'],
    ['mews', 'OutOfOrder', false, 'out_of_order'],
    ['mews', 'OutOfService', false, 'out_of_service'],
    ['cloudbeds', 'clean', false, 'clean'],
    ['cloudbeds', 'dirty', true, 'occupied'],
    ['cloudbeds', 'inspected', false, 'inspected'],
    ['cloudbeds', 'blocked', true, 'out_of_service'],
    ['opera', 'Clean', false, 'clean'],
    ['opera', 'Pickup', false, 'dirty'],
    ['opera', 'Inspected', true, 'occupied'],
    ['opera', 'OutOfOrder', true, 'out_of_order'],
    ['opera', 'OutOfService', false, 'out_of_service'],
    ['mews', 'Sparkling', false, null],
    ['opera', '', false, null],
    ['cloudbeds', null, false, null],
  ] as const)('%s %s (occupied %s) → %s', (vendor, state, occupied, want) =>
    expect(mapRoomStatus(vendor, state, occupied)).toBe(want),
  )
})

describe('vendor reservation states → ours', () => {
  it.each([
    ['mews', 'Confirmed', 'confirmed'],
    ['mews', 'Started', 'checked_in'],
    ['mews', 'Processed', 'checked_out'],
    ['mews', 'Canceled', 'cancelled'],
    ['mews', 'Optional', 'confirmed'],
    ['cloudbeds', 'not_confirmed', 'confirmed'],
    ['cloudbeds', 'checked_in', 'checked_in'],
    ['cloudbeds', 'checked_out', 'checked_out'],
    ['cloudbeds', 'canceled', 'cancelled'],
    ['cloudbeds', 'no_show', 'no_show'],
    ['opera', 'Reserved', 'confirmed'],
    ['opera', 'InHouse', 'checked_in'],
    ['opera', 'DueOut', 'checked_in'],
    ['opera', 'CheckedOut', 'checked_out'],
    ['opera', 'Cancelled', 'cancelled'],
    ['opera', 'NoShow', 'no_show'],
    ['opera', 'Teleported', null],
  ] as const)('%s %s → %s', (vendor, state, want) => expect(mapReservationStatus(vendor, state)).toBe(want))

  it('knows its vendors', () => {
    expect(['mews', 'cloudbeds', 'opera'].every(isPmsVendor)).toBe(true)
    expect(isPmsVendor('protel')).toBe(false)
  })
})

describe('sync delay, dates and Retry-After', () => {
  it('measures from the change to the write, never negative', () => {
    expect(syncDelayMs(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-24T00:00:02.500Z'))).toBe(2_500)
    expect(syncDelayMs(new Date('2026-11-24T00:00:05Z'), new Date('2026-11-24T00:00:00Z'))).toBe(0)
    expect(syncDelayMs(null, new Date())).toBeNull()
  })
  it.each([
    ['2026-11-24', '2026-11-24'],
    ['2026-11-23T15:30:00Z', '2026-11-24'],
    ['2026-11-24T02:00:00Z', '2026-11-24'],
    ['24/11/2026', null],
    [42, null],
  ])('business day of %s → %s', (value, want) => expect(businessDay(value)).toBe(want))
  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3_000)
    expect(
      retryAfterMs(new Date(Date.UTC(2026, 10, 24, 0, 0, 10)).toUTCString(), Date.UTC(2026, 10, 24, 0, 0, 0)),
    ).toBe(10_000)
    expect(retryAfterMs('soon')).toBeNull()
    expect(retryAfterMs(null)).toBeNull()
  })
})

describe('sealed credentials (AES-256-GCM)', () => {
  const key = randomBytes(32)
  it('opens only with the same key and owner, and detects tampering', () => {
    const sealed = seal(key, '{"accessToken":"secret-123"}', 'pms:t1:mews')
    expect(sealed.includes(Buffer.from('secret-123'))).toBe(false)
    expect(open(key, sealed, 'pms:t1:mews')).toBe('{"accessToken":"secret-123"}')
    expect(() => open(key, sealed, 'pms:t2:mews')).toThrow(/does not open/)
    expect(() => open(randomBytes(32), sealed, 'pms:t1:mews')).toThrow(/does not open/)
    const tampered = Buffer.from(sealed)
    tampered[tampered.length - 1]! ^= 1
    expect(() => open(key, tampered, 'pms:t1:mews')).toThrow(/does not open/)
    expect(seal(key, 'same', 'a').equals(seal(key, 'same', 'a'))).toBe(false) // a fresh IV each time
  })
  it('takes the key from PMS_CREDENTIALS_KEY as hex or base64, 32 bytes', () => {
    expect(credentialsKey({ PMS_CREDENTIALS_KEY: key.toString('hex') })!.equals(key)).toBe(true)
    expect(credentialsKey({ PMS_CREDENTIALS_KEY: key.toString('base64') })!.equals(key)).toBe(true)
    expect(credentialsKey({})).toBeNull()
    expect(() => credentialsKey({ PMS_CREDENTIALS_KEY: 'short' })).toThrow(/32 bytes/)
  })
})
