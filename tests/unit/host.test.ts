import { describe, expect, it } from 'vitest'
import { resolveHost } from '../../shared/domain/host'

describe('resolveHost', () => {
  it.each([
    { host: 'localhost:3000', domain: 'localhost', want: { kind: 'root' } },
    { host: 'omotenasu.jp', domain: 'omotenasu.jp', want: { kind: 'root' } },
    { host: 'www.omotenasu.jp', domain: 'omotenasu.jp', want: { kind: 'root' } },
    { host: 'hotel-a.localhost:3000', domain: 'localhost', want: { kind: 'subdomain', slug: 'hotel-a' } },
    { host: 'Hotel-A.Omotenasu.JP', domain: 'omotenasu.jp', want: { kind: 'subdomain', slug: 'hotel-a' } },
    { host: 'hotel-a.omotenasu.jp.', domain: 'omotenasu.jp', want: { kind: 'subdomain', slug: 'hotel-a' } },
    { host: 'a.b.omotenasu.jp', domain: 'omotenasu.jp', want: { kind: 'custom', domain: 'a.b.omotenasu.jp' } },
    { host: '-bad.omotenasu.jp', domain: 'omotenasu.jp', want: { kind: 'custom', domain: '-bad.omotenasu.jp' } },
    {
      host: 'concierge.ryokan-sakura.jp',
      domain: 'omotenasu.jp',
      want: { kind: 'custom', domain: 'concierge.ryokan-sakura.jp' },
    },
    { host: '127.0.0.1:3000', domain: 'localhost', want: { kind: 'ip' } },
    { host: '10.0.0.5', domain: 'omotenasu.jp', want: { kind: 'ip' } },
    { host: '[::1]:3000', domain: 'localhost', want: { kind: 'ip' } },
    { host: undefined, domain: 'localhost', want: { kind: 'root' } },
  ])('$host on $domain → $want.kind', ({ host, domain, want }) => {
    expect(resolveHost(host, domain)).toEqual(want)
  })
})
