// The mailer's settings from the environment, and its retry schedule.
import { describe, expect, it } from 'vitest'
import { MAIL_MAX_ATTEMPTS, mailSettings, retryDelayMs } from '../../server/services/mail'

describe('mailSettings', () => {
  it.each([
    { env: {}, want: { smtpUrl: null, from: 'OmotenasuAI <no-reply@localhost>' } },
    {
      env: { NUXT_PUBLIC_APP_DOMAIN: 'omotenasu.jp' },
      want: { smtpUrl: null, from: 'OmotenasuAI <no-reply@omotenasu.jp>' },
    },
    {
      env: { APP_DOMAIN: 'example.jp', SMTP_URL: ' smtp://u:p@mail:587 ' },
      want: { smtpUrl: 'smtp://u:p@mail:587', from: 'OmotenasuAI <no-reply@example.jp>' },
    },
    {
      env: { SMTP_URL: '', MAIL_FROM: 'Front <front@hotel.example>' },
      want: { smtpUrl: null, from: 'Front <front@hotel.example>' },
    },
  ])('$env', ({ env, want }) => expect(mailSettings(env as NodeJS.ProcessEnv)).toEqual(want))
})

describe('retryDelayMs', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [6, 32],
    [7, 60],
    [9, 60],
  ])('after attempt %i: %i minutes', (attempts, minutes) => expect(retryDelayMs(attempts)).toBe(minutes * 60_000))
  it('ten attempts span a few hours, not days', () => {
    const total = Array.from({ length: MAIL_MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce(
      (a, b) => a + b,
      0,
    )
    expect(total / 3_600_000).toBeGreaterThan(2)
    expect(total / 3_600_000).toBeLessThan(6)
  })
})
