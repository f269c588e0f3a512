// Mail templates: Japanese by default, English by the recipient's locale; subject, link and Tokyo
// dates in each.
import { describe, expect, it } from 'vitest'
import {
  MAIL_TEMPLATES,
  mailLocale,
  renderMail,
  tokyoDateTime,
  type MailTemplateData,
  type MailTemplateName,
} from '../../server/mail/templates'

const URL = 'https://hotel-a.example.jp/invite?token=tok_abc123'
const EXPIRES = new Date('2026-11-30T09:00:00Z') // 18:00 in Tokyo

const samples: { [K in MailTemplateName]: MailTemplateData[K] } = {
  password_reset: { name: '山田 花子', url: URL, expiresInMinutes: 60 },
  hotel_invitation: {
    hotelName: '旅館 さくら',
    role: 'manager',
    inviterName: '佐藤 一郎',
    url: URL,
    expiresAt: EXPIRES,
    existingAccount: false,
  },
  agent_invitation: { agentName: 'Kansai Hospitality Partners', url: URL, expiresAt: EXPIRES, existingAccount: false },
  password_changed: { name: 'Hanako', at: EXPIRES },
  customer_referral_invitation: {
    referrerHotelName: '旅館 さくら',
    hotelName: 'ホテル京都ガーデン',
    contactName: '鈴木',
    url: URL,
  },
  refund_request_update: {
    hotelName: '湯の宿 Test',
    step: 'refunded',
    type: 'full_refund',
    amountYen: 32_780,
    creditNoteNumbers: ['CN-INV-1-01'],
    cancelsOn: '2026-12-01',
    url: URL,
  },
  nps_survey: { name: '山田 花子', url: URL, expiresAt: EXPIRES },
  notice: { subject: 'お支払いが確認できませんでした', body: `請求書をご確認ください: ${URL}` },
  roi_compensation: {
    hotelName: '雪見温泉旅館',
    step: 'rejected',
    amount: 131_940,
    roiPercent: 26.45,
    guaranteePercent: 100,
    reason: 'Usage data incomplete',
  },
  lifecycle_onboarding: { name: '山田 花子', hotelName: '旅館 さくら', dashboardUrl: URL },
  lifecycle_referral_invitation: {
    name: '山田 花子',
    hotelName: '旅館 さくら',
    referUrl: URL,
    sharePercent: 5,
    shareMonths: 12,
    discountPercent: 10,
    discountMonths: 6,
  },
  churn_intervention: { hotelName: '旅館 さくら', score: '0.82', reasons: ['利用の減少'], tasksUrl: URL },
}

describe('tokyoDateTime', () => {
  it.each([
    { at: '2026-11-30T09:00:00Z', ja: '2026年11月30日 18:00', en: '30 November 2026, 18:00 (JST)' },
    // the next day in Tokyo
    { at: '2026-12-31T15:05:00Z', ja: '2027年1月1日 00:05', en: '1 January 2027, 00:05 (JST)' },
    { at: '2026-07-01T00:00:00Z', ja: '2026年7月1日 09:00', en: '1 July 2026, 09:00 (JST)' }, // no summer time
  ])('$at → $ja', ({ at, ja, en }) => {
    expect(tokyoDateTime(new Date(at), 'ja')).toBe(ja)
    expect(tokyoDateTime(new Date(at), 'en')).toBe(en)
  })
})

describe('mailLocale', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['ja', 'ja'],
    [null, 'ja'],
    ['fr', 'ja'],
    ['', 'ja'],
  ] as const)('%s → %s', (given, want) => expect(mailLocale(given)).toBe(want))
})

describe('every template', () => {
  const names = Object.keys(MAIL_TEMPLATES) as MailTemplateName[]
  it('is the list other services call', () =>
    expect(names.sort()).toEqual([
      'agent_invitation',
      'churn_intervention',
      'customer_referral_invitation',
      'hotel_invitation',
      'lifecycle_onboarding',
      'lifecycle_referral_invitation',
      'notice',
      'nps_survey',
      'password_changed',
      'password_reset',
      'refund_request_update',
      'roi_compensation',
    ]))

  it.each(names)('%s: a Japanese and an English variant that differ, each with its subject', (name) => {
    const ja = renderMail(name, samples[name] as never, 'ja')
    const en = renderMail(name, samples[name] as never, 'en')
    expect(ja.subject).toMatch(/^【OmotenasuAI】/)
    expect(en.subject).toMatch(/^\[OmotenasuAI\] /)
    expect(ja.text).toMatch(/[\u3040-\u30ff]/) // kana
    expect(ja.text).toContain('送信専用')
    expect(en.text).toContain('cannot receive replies')
    expect(ja.text).not.toBe(en.text)
  })

  it.each(names.filter((n) => 'url' in samples[n] || n === 'notice'))(
    '%s carries the link on a line of its own',
    (name) => {
      for (const locale of ['ja', 'en'] as const)
        expect(renderMail(name, samples[name] as never, locale).text).toContain(URL)
    },
  )
})

describe('password_reset', () => {
  it('names the person, the lifetime and that the link works once', () => {
    const ja = renderMail('password_reset', samples.password_reset, 'ja')
    expect(ja.subject).toBe('【OmotenasuAI】パスワード再設定のご案内')
    expect(ja.text).toContain('山田 花子 様')
    expect(ja.text).toContain('60分')
    const en = renderMail('password_reset', { url: URL, expiresInMinutes: 60 }, 'en')
    expect(en.subject).toBe('[OmotenasuAI] Reset your password')
    expect(en.text).toMatch(/expires in 60 minutes/)
    expect(en.text).not.toMatch(/Dear/) // no name, no greeting with a blank
  })
})

describe('hotel_invitation', () => {
  it('names the hotel, role and inviter, with the expiry in Tokyo time', () => {
    const ja = renderMail('hotel_invitation', samples.hotel_invitation, 'ja')
    expect(ja.subject).toBe('【OmotenasuAI】旅館 さくら の管理画面へのご招待')
    expect(ja.text).toContain('佐藤 一郎 様から')
    expect(ja.text).toContain('マネージャーとして')
    expect(ja.text).toContain('2026年11月30日 18:00')
    expect(ja.text).toContain('パスワードを設定')
    const en = renderMail('hotel_invitation', { ...samples.hotel_invitation, role: 'staff' }, 'en')
    expect(en.subject).toBe('[OmotenasuAI] Invitation to 旅館 さくら')
    expect(en.text).toContain('as staff')
    expect(en.text).toContain('30 November 2026, 18:00 (JST)')
  })

  it('an existing account is asked to sign in, never to choose a password', () => {
    for (const locale of ['ja', 'en'] as const) {
      const text = renderMail('hotel_invitation', { ...samples.hotel_invitation, existingAccount: true }, locale).text
      expect(text).toMatch(locale === 'ja' ? /サインインしてから/ : /Sign in with your existing account/)
      expect(text).not.toMatch(locale === 'ja' ? /パスワードを設定/ : /Choose your password/)
    }
  })
})

describe('agent_invitation', () => {
  it('names the agent and the expiry; existing accounts sign in', () => {
    expect(renderMail('agent_invitation', samples.agent_invitation, 'ja').subject).toBe(
      '【OmotenasuAI】Kansai Hospitality Partners の代理店ポータルへのご招待',
    )
    expect(renderMail('agent_invitation', samples.agent_invitation, 'ja').text).toContain('2026年11月30日 18:00')
    expect(renderMail('agent_invitation', { ...samples.agent_invitation, existingAccount: true }, 'en').text).toMatch(
      /Sign in with your existing account/,
    )
  })
})

describe('password_changed', () => {
  it('gives the time and what to do if it was not you', () => {
    const ja = renderMail('password_changed', samples.password_changed, 'ja')
    expect(ja.text).toContain('2026年11月30日 18:00')
    expect(ja.text).toMatch(/お心当たりがない場合は.*再設定/)
    const en = renderMail('password_changed', samples.password_changed, 'en')
    expect(en.text).toContain('Dear Hanako,')
    expect(en.text).toMatch(/If this was not you, reset your password/)
  })
})

describe('customer_referral_invitation and notice', () => {
  it('the referral names the referring hotel and greets the contact', () => {
    const ja = renderMail('customer_referral_invitation', samples.customer_referral_invitation, 'ja')
    expect(ja.subject).toBe('【OmotenasuAI】旅館 さくら からのご紹介')
    expect(ja.text).toContain('ホテル京都ガーデン\n鈴木 様')
  })

  it('a notice wraps the stored subject and body', () => {
    const ja = renderMail('notice', samples.notice, 'ja')
    expect(ja.subject).toBe('【OmotenasuAI】お支払いが確認できませんでした')
    expect(ja.text.startsWith(samples.notice.body)).toBe(true)
  })
})

describe('names written by other people (a hotel, an inviter, an invitee)', () => {
  const evil =
    'Evil Inn\r\n\r\nBcc: victim@evil.example\n【重要】アカウントが停止されました\u2028https://evil.example/login'
  it('stay on one line: they add no header and no paragraph of their own to a mail', () => {
    const names = new Set([
      'name',
      'hotelName',
      'inviterName',
      'agentName',
      'referrerHotelName',
      'contactName',
      'reason',
      'subject',
    ])
    for (const template of Object.keys(samples) as MailTemplateName[]) {
      const data = Object.fromEntries(
        Object.entries(samples[template]).map(([k, v]) => [k, names.has(k) ? evil : v]),
      ) as never
      for (const locale of ['ja', 'en'] as const) {
        const mail = renderMail(template, data, locale)
        expect(mail.subject, `${template} ${locale}`).not.toMatch(/[\r\n\u2028\u2029]/)
        const lines = mail.text.split(/\r?\n|\r|\u2028|\u2029/)
        expect(
          lines.some((l) => /^(Bcc:|【重要】|https:\/\/evil)/.test(l)),
          `${template} ${locale}`,
        ).toBe(false)
      }
    }
  })
})
