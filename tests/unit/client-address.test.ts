// The address sign-in throttling counts: the socket's peer, or with TRUST_PROXY=1 the last
// X-Forwarded-For entry (the one the trusted proxy appended), never an entry the client wrote.
import type { H3Event } from 'h3'
import { afterEach, describe, expect, it } from 'vitest'
import { clientAddress } from '../../server/utils/request'

const event = (remoteAddress: string, xff?: string) =>
  ({
    node: { req: { headers: xff === undefined ? {} : { 'x-forwarded-for': xff }, socket: { remoteAddress } } },
    context: {},
  }) as unknown as H3Event

const before = process.env.TRUST_PROXY
afterEach(() => {
  if (before === undefined) delete process.env.TRUST_PROXY
  else process.env.TRUST_PROXY = before
})

describe('clientAddress', () => {
  it('without TRUST_PROXY ignores X-Forwarded-For entirely', () => {
    delete process.env.TRUST_PROXY
    expect(clientAddress(event('192.0.2.1', '203.0.113.9'))).toBe('192.0.2.1')
    expect(clientAddress(event('2001:db8::1', '203.0.113.9, 198.51.100.7'))).toBe('2001:db8::1')
  })

  it('behind a trusted proxy takes the entry that proxy appended, the last one', () => {
    process.env.TRUST_PROXY = '1'
    expect(clientAddress(event('10.0.0.2', '6.6.6.6, 203.0.113.9'))).toBe('203.0.113.9')
    expect(clientAddress(event('10.0.0.2', ' 203.0.113.9 '))).toBe('203.0.113.9')
    expect(clientAddress(event('10.0.0.2', '6.6.6.6,'))).toBe('6.6.6.6')
    expect(clientAddress(event('10.0.0.2'))).toBe('10.0.0.2')
  })
})

describe('clientAddress with a port or zone (proxies such as Azure Application Gateway append "ip:port")', () => {
  it('drops them, so a new source port is not a new address for throttling', () => {
    process.env.TRUST_PROXY = '1'
    expect(clientAddress(event('10.0.0.2', '203.0.113.9:50123'))).toBe('203.0.113.9')
    expect(clientAddress(event('10.0.0.2', '[2001:db8::7]:443'))).toBe('2001:db8::7')
    expect(clientAddress(event('10.0.0.2', '[2001:db8::7]'))).toBe('2001:db8::7')
    expect(clientAddress(event('fe80::1%eth0'))).toBe('fe80::1')
    expect(clientAddress(event('10.0.0.2', '2001:db8::7'))).toBe('2001:db8::7')
  })
})
