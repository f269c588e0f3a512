// Field errors speak the request's (server) or the page's (UForm) language, from one catalogue.
import { describe, expect, it } from 'vitest'
import { toApiError } from '../../server/lib/api-error'
import { Invalid, msg } from '../../server/lib/errors'
import { fieldMessage, fk, localizedSchema } from '../../shared/i18n/field-messages'
import { signupInput } from '../../shared/schemas/signup'
import { businessSettingInput } from '../../shared/schemas/business-rules'
import { pmsCredentialsInput } from '../../shared/schemas/pms'

const bad = {
  hotelName: '',
  subdomain: 'www',
  ownerName: 'A',
  email: 'x',
  password: 'short',
  planCode: 'p',
  billingCycle: 'monthly',
  rooms: 1.5,
}

describe('field messages', () => {
  it('a key reads in each language, with its values', () => {
    expect(fieldMessage(fk('email'), 'ja')).toBe('有効なメールアドレスを入力してください。')
    expect(fieldMessage(fk('email'), 'en')).toBe('Enter a valid email address.')
    expect(fieldMessage(fk('between', { min: 1, max: 5 }), 'ja')).toBe('1から5の間で入力してください。')
    expect(fieldMessage(fk('between', { min: 1, max: 5 }), 'en')).toBe('Between 1 and 5.')
    expect(fieldMessage('plain text', 'ja')).toBe('plain text')
  })

  it('the API carries the schema’s messages in the request’s language', () => {
    const error = signupInput.safeParse(bad).error
    const ja = toApiError(error, 'ja')
    const en = toApiError(error, 'en')
    expect(ja).toMatchObject({ statusCode: 400, code: 'invalid_input' })
    expect(ja.data!.fields).toEqual({
      hotelName: 'ホテル名を入力してください。',
      subdomain: 'このサブドメインは予約されています。',
      email: '有効なメールアドレスを入力してください。',
      password: '10文字以上で入力してください。',
      rooms: '客室数は整数で入力してください。',
    })
    expect(en.data!.fields).toMatchObject({
      hotelName: 'Enter the hotel name.',
      subdomain: 'This subdomain is reserved.',
      rooms: 'Whole rooms only.',
    })
  })

  it('a rule without its own message gets zod’s message in the language', () => {
    const error = signupInput.safeParse({
      ...bad,
      hotelName: 'H',
      subdomain: 'hotel-x',
      email: 'a@b.jp',
      password: 'long-enough-pw',
      rooms: 2,
      billingCycle: 'weekly',
      extra: 1,
    }).error
    const ja = toApiError(error, 'ja').data!.fields as Record<string, string>
    const en = toApiError(error, 'en').data!.fields as Record<string, string>
    expect(Object.keys(ja).sort()).toEqual(['_', 'billingCycle'])
    expect(ja.billingCycle).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
    expect(en.billingCycle).toMatch(/^Invalid option/)
    expect(ja._).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
  })

  it('messages with values and words (refinements, secrets)', () => {
    const e1 = businessSettingInput.safeParse({
      key: 'cycle_discount_yearly',
      value: 1.234,
      effectiveFrom: '2026-02-30',
    }).error
    const fields = toApiError(e1, 'ja').data!.fields as Record<string, string>
    expect(fields.effectiveFrom).toBe('存在しない日付です。')
    const e2 = pmsCredentialsInput.mews.safeParse({ clientToken: 'x', accessToken: 'long-enough' }).error
    expect(toApiError(e2, 'ja').data!.fields).toEqual({ clientToken: 'クライアントトークンを入力してください。' })
    expect(toApiError(e2, 'en').data!.fields).toEqual({ clientToken: 'Enter the client token.' })
  })

  it('a domain error’s field messages read in the request’s language; codes stay', () => {
    const error = Invalid(msg('x', 'ja', 'en'), {
      fields: { effectiveFrom: fk('fromTomorrow'), email: 'already_member' },
    })
    expect(toApiError(error, 'ja').data).toEqual({
      fields: { effectiveFrom: '明日以降の日付を入力してください。', email: 'already_member' },
    })
    expect(toApiError(error, 'en').data).toEqual({
      fields: { effectiveFrom: 'From tomorrow on.', email: 'already_member' },
    })
  })

  it('UForm’s schema gives the same rule’s message in the page’s language', async () => {
    let lang: 'ja' | 'en' = 'ja'
    const schema = localizedSchema(signupInput, () => lang)
    const ja = await schema['~standard'].validate(bad)
    expect(
      'issues' in ja && ja.issues?.find((i: { path?: ReadonlyArray<PropertyKey> }) => i.path?.[0] === 'email')?.message,
    ).toBe('有効なメールアドレスを入力してください。')
    lang = 'en'
    const en = await schema['~standard'].validate(bad)
    expect(
      'issues' in en && en.issues?.find((i: { path?: ReadonlyArray<PropertyKey> }) => i.path?.[0] === 'email')?.message,
    ).toBe('Enter a valid email address.')
    const ok = await schema['~standard'].validate({
      ...bad,
      hotelName: 'H',
      subdomain: 'Hotel-X',
      email: 'a@b.jp',
      password: 'long-enough-pw',
      rooms: 2,
    })
    expect(ok).toMatchObject({ value: { subdomain: 'hotel-x' } })
  })
})
