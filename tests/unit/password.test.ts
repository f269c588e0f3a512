import { describe, expect, it } from 'vitest'
import { checkPassword, createPasswordHash, DUMMY_PASSWORD_HASH } from '../../server/lib/password'

describe('password hashes (scrypt)', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await createPasswordHash('おもてなし-2026')
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(await checkPassword(hash, 'おもてなし-2026')).toBe(true)
    expect(await checkPassword(hash, 'おもてなし-2027')).toBe(false)
  })

  it('salts every hash', async () => {
    expect(await createPasswordHash('same')).not.toBe(await createPasswordHash('same'))
  })

  it('the dummy hash matches nothing', async () => {
    expect(await checkPassword(DUMMY_PASSWORD_HASH, '')).toBe(false)
    expect(await checkPassword('not-a-hash', 'x')).toBe(false)
  })
})
