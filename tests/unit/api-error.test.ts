import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { toApiError } from '../../server/lib/api-error'
import { Conflict, Forbidden, Invalid, msg, NotFound, TooManyRequests, Unauthorized } from '../../server/lib/errors'
import { TenantScopeError } from '../../server/db/tenancy'
import { roomInput } from '../../shared/schemas/rooms'
import { fk } from '../../shared/i18n/field-messages'

const wrapped = (cause: unknown) => ({ statusCode: 500, unhandled: true, cause }) // as h3 wraps a thrown value

describe('toApiError', () => {
  it.each([
    [Invalid(msg('bad', '不正です。', 'Bad')), 400],
    [Unauthorized(), 401],
    [Forbidden(msg('no', '禁止です。', 'No')), 403],
    [NotFound(), 404],
    [Conflict(msg('dup', '重複です。', 'Dup')), 409],
    [TooManyRequests(msg('wait', 'お待ちください。', 'Wait'), 60), 429],
  ])('maps %o to %i', (error, status) => {
    expect(toApiError(wrapped(error)).statusCode).toBe(status)
    expect(toApiError(error).message).toBe(error.message)
    expect(toApiError(error, 'ja')).toMatchObject({ code: error.code, message: error.localized.ja })
  })

  it('an English-only error does not compile: a message has a code and both languages', () => {
    // @ts-expect-error MessageText is a LocalizedMessage only (npm run typecheck fails if a string is let in again)
    const untranslated = () => Conflict('Room 101 already exists in this hotel.')
    expect(typeof untranslated).toBe('function')
    expect(Conflict(msg('room_number_taken', '登録済みです。', 'Taken.')).messageIn('ja')).toBe('登録済みです。')
  })

  it("answers a domain error's field messages (catalogue keys) in the request's language", () => {
    const error = Invalid(msg('bank_code_unknown', '金融機関がありません。', 'No bank.'), {
      fields: { bankCode: fk('unknownBankCode') },
    })
    expect(toApiError(error, 'ja').data).toEqual({ fields: { bankCode: 'この金融機関コードは見つかりません。' } })
    expect(toApiError(error, 'en').data).toEqual({ fields: { bankCode: 'Unknown bank code.' } })
  })

  it('lists the failing fields of a zod error', () => {
    const parsed = roomInput.safeParse({ roomNumber: '', capacity: 0, extra: 1 })
    const api = toApiError(wrapped(parsed.error))
    expect(api.statusCode).toBe(400)
    expect(Object.keys((api.data as { fields: object }).fields)).toEqual(
      expect.arrayContaining(['roomNumber', 'capacity']),
    )
    expect(api.message).toMatch(/roomNumber/)
  })

  it('maps Prisma unique violations to 409 and missing records to 404', () => {
    expect(toApiError(wrapped({ code: 'P2002', meta: { target: ['tenant_id', 'room_number'] } }))).toMatchObject({
      statusCode: 409,
      data: { fields: ['tenant_id', 'room_number'] },
    })
    expect(toApiError(wrapped({ code: 'P2025' })).statusCode).toBe(404)
  })

  it('hides a tenant-scope violation as 404', () => {
    expect(toApiError(wrapped(new TenantScopeError('x')))).toEqual({
      statusCode: 404,
      code: 'not_found',
      message: 'Not found.',
    })
    expect(toApiError(wrapped(new TenantScopeError('x')), 'ja').message).toBe('見つかりません。')
  })

  it('keeps h3 4xx errors and hides the details of anything else', () => {
    expect(toApiError({ statusCode: 403, message: 'CSRF' })).toEqual({ statusCode: 403, message: 'CSRF' })
    const api = toApiError(wrapped(new Error('connection string with password')))
    expect(api.statusCode).toBe(500)
    expect(api.message).not.toMatch(/password/)
  })

  it('zod is the one validator for forms and routes', () => {
    expect(z.object({}).strict().safeParse({ unknown: 1 }).success).toBe(false)
  })
})
