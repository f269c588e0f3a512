// ?redirect= on the sign-in pages: only a path on this host, never an open redirect.
import { describe, expect, it } from 'vitest'
import { safeRedirect } from '../../shared/domain/redirect'

describe('safeRedirect', () => {
  it('keeps a path of this site', () => {
    for (const path of ['/rooms', '/hq/tenants?page=2', '/agent/referrals#new'])
      expect(safeRedirect(path, '/home')).toBe(path)
  })
  it('falls back for anything a browser or Nuxt would take elsewhere', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/ /evil.example',
      '/\n/evil.example',
      '\\\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      ' /rooms',
      '',
      undefined,
      ['/rooms'],
    ]) {
      expect(safeRedirect(bad, '/home'), JSON.stringify(bad)).toBe('/home')
    }
  })
})
