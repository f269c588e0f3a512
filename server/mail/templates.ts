// Mail templates: Japanese by default, English for recipients whose locale is 'en'. Each template
// is a pure function of its typed data (no Prisma, no clock) returning { subject, text }; dates are
// written in Asia/Tokyo, the Japanese way in ja (2026年11月30日 18:00).

export type MailLocale = 'ja' | 'en'
export interface RenderedMail {
  subject: string
  text: string
  html?: string
}

export type InvitationRole = 'owner' | 'manager' | 'staff'

/** Every template and the data it takes. Other services call these by name through enqueueMail. */
export interface MailTemplateData {
  password_reset: { name?: string; url: string; expiresInMinutes: number }
  hotel_invitation: {
    hotelName: string
    role: InvitationRole
    inviterName: string
    url: string
    expiresAt: Date
    existingAccount: boolean
  }
  agent_invitation: { agentName: string; url: string; expiresAt: Date; existingAccount: boolean }
  password_changed: { name?: string; at: Date }
  /** A hotel (referrerHotelName) recommending OmotenasuAI to another hotel; url is the signup link with its code. */
  customer_referral_invitation: { referrerHotelName: string; hotelName: string; contactName: string; url: string }
  /** Lifecycle automation (services/lifecycle.ts): the day a hotel signs up. */
  lifecycle_onboarding: { name: string; hotelName: string; dashboardUrl: string }
  /** Lifecycle automation: day 7 after signup, the customer referral program. */
  lifecycle_referral_invitation: {
    name: string
    hotelName: string
    referUrl: string
    /** The program's numbers in force (business_settings), in percent and months. */
    sharePercent: number
    shareMonths: number
    discountPercent: number
    discountMonths: number
  }
  /** To the hotel's HQ contact: a churn-risk score above the intervention threshold. */
  churn_intervention: { hotelName: string; score: string; reasons: string[]; tasksUrl: string }
  /** A generic wrapper: the owner notices written to `notifications`. */
  notice: { subject: string; body: string }
}
export type MailTemplateName = keyof MailTemplateData

type Template<D> = Record<MailLocale, (data: D) => RenderedMail>

/** 'en' for English speakers; everyone else (and unknown values) gets Japanese. */
export const mailLocale = (locale: string | null | undefined): MailLocale =>
  locale?.toLowerCase().startsWith('en') ? 'en' : 'ja'

const TOKYO_OFFSET_MS = 9 * 3_600_000 // Japan has no daylight saving time
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const pad = (n: number) => String(n).padStart(2, '0')

/** An instant as Tokyo wall-clock time: ja 2026年11月30日 18:00, en 30 November 2026, 18:00 (JST). */
export function tokyoDateTime(at: Date, locale: MailLocale): string {
  const t = new Date(at.getTime() + TOKYO_OFFSET_MS)
  const time = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
  return locale === 'ja'
    ? `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${time}`
    : `${t.getUTCDate()} ${EN_MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}, ${time} (JST)`
}

const SIGNATURE: Record<MailLocale, string> = {
  ja: '--\nOmotenasuAI\nこのメールは送信専用のアドレスからお送りしています。',
  en: '--\nOmotenasuAI\nThis message was sent from an address that cannot receive replies.',
}
const lines = (locale: MailLocale, ...parts: (string | false | undefined)[]) =>
  [...parts.filter((p): p is string => typeof p === 'string'), SIGNATURE[locale]].join('\n\n')
const greetingJa = (name?: string) => (name ? `${name} 様` : undefined)
const greetingEn = (name?: string) => (name ? `Dear ${name},` : undefined)

const ROLE: Record<MailLocale, Record<InvitationRole, string>> = {
  ja: { owner: 'オーナー', manager: 'マネージャー', staff: 'スタッフ' },
  en: { owner: 'an owner', manager: 'a manager', staff: 'staff' },
}

const passwordReset: Template<MailTemplateData['password_reset']> = {
  ja: (d) => ({
    subject: '【OmotenasuAI】パスワード再設定のご案内',
    text: lines(
      'ja',
      greetingJa(d.name),
      'パスワード再設定のご依頼を受け付けました。次のリンクから新しいパスワードを設定してください。',
      d.url,
      `このリンクの有効期間は${d.expiresInMinutes}分で、一度だけ使えます。お心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。`,
    ),
  }),
  en: (d) => ({
    subject: '[OmotenasuAI] Reset your password',
    text: lines(
      'en',
      greetingEn(d.name),
      'We received a request to reset your password. Choose a new one here:',
      d.url,
      `This link works once and expires in ${d.expiresInMinutes} minutes. If you did not ask for this, ignore this message: your password stays as it is.`,
    ),
  }),
}

const hotelInvitation: Template<MailTemplateData['hotel_invitation']> = {
  ja: (d) => ({
    subject: `【OmotenasuAI】${d.hotelName} の管理画面へのご招待`,
    text: lines(
      'ja',
      `${d.inviterName} 様から、${d.hotelName} の OmotenasuAI 管理画面に${ROLE.ja[d.role]}として招待されました。`,
      d.existingAccount
        ? 'お持ちのアカウントでサインインしてから、次のリンクで招待を承認してください。'
        : '次のリンクからパスワードを設定して参加してください。',
      d.url,
      `このリンクの有効期限は ${tokyoDateTime(d.expiresAt, 'ja')} です。お心当たりがない場合は、このメールを破棄してください。`,
    ),
  }),
  en: (d) => ({
    subject: `[OmotenasuAI] Invitation to ${d.hotelName}`,
    text: lines(
      'en',
      `${d.inviterName} invited you to the OmotenasuAI admin of ${d.hotelName} as ${ROLE.en[d.role]}.`,
      d.existingAccount
        ? 'Sign in with your existing account, then accept the invitation here:'
        : 'Choose your password and join here:',
      d.url,
      `This link expires on ${tokyoDateTime(d.expiresAt, 'en')}. If you were not expecting it, ignore this message.`,
    ),
  }),
}

const agentInvitation: Template<MailTemplateData['agent_invitation']> = {
  ja: (d) => ({
    subject: `【OmotenasuAI】${d.agentName} の代理店ポータルへのご招待`,
    text: lines(
      'ja',
      `${d.agentName} の OmotenasuAI 代理店ポータルに招待されました。`,
      d.existingAccount
        ? 'お持ちのアカウントでサインインしてから、次のリンクで招待を承認してください。'
        : '次のリンクからパスワードを設定して参加してください。',
      d.url,
      `このリンクの有効期限は ${tokyoDateTime(d.expiresAt, 'ja')} です。お心当たりがない場合は、このメールを破棄してください。`,
    ),
  }),
  en: (d) => ({
    subject: `[OmotenasuAI] Invitation to the ${d.agentName} agent portal`,
    text: lines(
      'en',
      `You have been invited to the OmotenasuAI agent portal of ${d.agentName}.`,
      d.existingAccount
        ? 'Sign in with your existing account, then accept the invitation here:'
        : 'Choose your password and join here:',
      d.url,
      `This link expires on ${tokyoDateTime(d.expiresAt, 'en')}. If you were not expecting it, ignore this message.`,
    ),
  }),
}

const passwordChanged: Template<MailTemplateData['password_changed']> = {
  ja: (d) => ({
    subject: '【OmotenasuAI】パスワードが変更されました',
    text: lines(
      'ja',
      greetingJa(d.name),
      `${tokyoDateTime(d.at, 'ja')} に、あなたの OmotenasuAI アカウントのパスワードが変更されました。他の端末のサインインは終了しています。`,
      'お心当たりがない場合は、すぐにサインイン画面の「パスワードをお忘れの方」からパスワードを再設定し、管理者にご連絡ください。',
    ),
  }),
  en: (d) => ({
    subject: '[OmotenasuAI] Your password was changed',
    text: lines(
      'en',
      greetingEn(d.name),
      `The password of your OmotenasuAI account was changed on ${tokyoDateTime(d.at, 'en')}. Your other sessions have been signed out.`,
      'If this was not you, reset your password now ("Forgot your password?" on the sign-in page) and tell your administrator.',
    ),
  }),
}

const customerReferralInvitation: Template<MailTemplateData['customer_referral_invitation']> = {
  ja: (d) => ({
    subject: `【OmotenasuAI】${d.referrerHotelName} からのご紹介`,
    text: lines(
      'ja',
      `${d.hotelName}\n${d.contactName} 様`,
      `${d.referrerHotelName} より、ホテル・旅館向け AI コンシェルジュ「OmotenasuAI」をご紹介いただきました。`,
      '次のリンクからお申し込みいただくと、ご紹介の特典が適用されます。',
      d.url,
      'お心当たりがない場合は、このメールを破棄してください。',
    ),
  }),
  en: (d) => ({
    subject: `[OmotenasuAI] A recommendation from ${d.referrerHotelName}`,
    text: lines(
      'en',
      `Dear ${d.contactName} (${d.hotelName}),`,
      `${d.referrerHotelName} recommends OmotenasuAI, the AI concierge for hotels and ryokan, to you.`,
      'Sign up through this link to receive the referral benefits:',
      d.url,
      'If you were not expecting this message, ignore it.',
    ),
  }),
}

const lifecycleOnboarding: Template<MailTemplateData['lifecycle_onboarding']> = {
  ja: (d) => ({
    subject: `【OmotenasuAI】${d.hotelName} 様、ご利用開始の手順のご案内`,
    text: lines(
      'ja',
      greetingJa(d.name),
      'このたびは OmotenasuAI にお申し込みいただき、誠にありがとうございます。',
      'まずは次の3つをお試しください。\n1. 客室を登録する\n2. よくある質問（FAQ）を登録する\n' +
        '3. PMS を接続する（プロフェッショナル以上のプラン）',
      `管理画面はこちらです：\n${d.dashboardUrl}`,
      'ご不明な点はサポート窓口までお気軽にお問い合わせください。',
    ),
  }),
  en: (d) => ({
    subject: `[OmotenasuAI] Getting started with ${d.hotelName}`,
    text: lines(
      'en',
      greetingEn(d.name),
      'Thank you for choosing OmotenasuAI.',
      'Three first steps:\n1. Add your rooms\n2. Add your frequently asked questions\n' +
        '3. Connect your PMS (Professional plan and above)',
      `Your dashboard:\n${d.dashboardUrl}`,
      'If anything is unclear, our support team is glad to help.',
    ),
  }),
}

const lifecycleReferralInvitation: Template<MailTemplateData['lifecycle_referral_invitation']> = {
  ja: (d) => ({
    subject: '【OmotenasuAI】お知り合いのホテルをご紹介ください（紹介プログラムのご案内）',
    text: lines(
      'ja',
      greetingJa(d.name),
      `${d.hotelName} 様、OmotenasuAI のご利用開始から1週間が経ちました。`,
      'お知り合いのホテル・旅館をご紹介いただき、ご契約に至ると、' +
        `紹介先の月額料金の${d.sharePercent}%を${d.shareMonths}か月間お支払いし、` +
        `貴館の月額料金も${d.discountMonths}か月間${d.discountPercent}%割引いたします。`,
      `紹介リンクの発行はこちらから：\n${d.referUrl}`,
    ),
  }),
  en: (d) => ({
    subject: '[OmotenasuAI] Refer a hotel: our referral program',
    text: lines(
      'en',
      greetingEn(d.name),
      `${d.hotelName} has been using OmotenasuAI for a week now.`,
      `Refer another hotel or ryokan: when it signs up, you earn ${d.sharePercent}% of its monthly fee ` +
        `for ${d.shareMonths} months and your own fee is ${d.discountPercent}% lower for ${d.discountMonths} months.`,
      `Get your referral link here:\n${d.referUrl}`,
    ),
  }),
}

const churnIntervention: Template<MailTemplateData['churn_intervention']> = {
  ja: (d) => ({
    subject: `【OmotenasuAI】要対応：${d.hotelName} の解約リスクが高まっています（${d.score}）`,
    text: lines(
      'ja',
      `${d.hotelName} の解約リスクスコアが ${d.score} になりました（しきい値 0.7）。`,
      `理由：\n${d.reasons.map((r) => `・${r}`).join('\n')}`,
      `本部のタスク一覧に緊急の対応タスクを作成しました：\n${d.tasksUrl}`,
    ),
  }),
  en: (d) => ({
    subject: `[OmotenasuAI] Action needed: ${d.hotelName} is at risk of churning (${d.score})`,
    text: lines(
      'en',
      `The churn-risk score of ${d.hotelName} is now ${d.score} (threshold 0.7).`,
      `Why:\n${d.reasons.map((r) => `- ${r}`).join('\n')}`,
      `An urgent intervention task is on HQ's task list:\n${d.tasksUrl}`,
    ),
  }),
}

const notice: Template<MailTemplateData['notice']> = {
  ja: (d) => ({ subject: `【OmotenasuAI】${d.subject}`, text: lines('ja', d.body) }),
  en: (d) => ({ subject: `[OmotenasuAI] ${d.subject}`, text: lines('en', d.body) }),
}

export const MAIL_TEMPLATES: { [K in MailTemplateName]: Template<MailTemplateData[K]> } = {
  password_reset: passwordReset,
  hotel_invitation: hotelInvitation,
  agent_invitation: agentInvitation,
  password_changed: passwordChanged,
  customer_referral_invitation: customerReferralInvitation,
  lifecycle_onboarding: lifecycleOnboarding,
  lifecycle_referral_invitation: lifecycleReferralInvitation,
  churn_intervention: churnIntervention,
  notice,
}

/** The mail `template` renders with `data` in the recipient's language. */
export function renderMail<K extends MailTemplateName>(
  template: K,
  data: MailTemplateData[K],
  locale: MailLocale,
): RenderedMail {
  const variants = MAIL_TEMPLATES[template] as Template<MailTemplateData[K]> | undefined
  if (!variants) throw new Error(`Unknown mail template: ${String(template)}`)
  return variants[locale](singleLine(template, data))
}

// Control characters and line or paragraph separators (C0, DEL, C1, U+2028, U+2029).
// eslint-disable-next-line no-control-regex
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g
/**
 * Every text field is one line (a name, a hotel name, a subject) except a notice's body: names are
 * written by other people (any hotel signing up, its managers, invitees), and a line break in one
 * would let them lay out paragraphs of their own, a fake link first, inside a mail from us.
 */
function singleLine<D>(template: MailTemplateName, data: D): D {
  return Object.fromEntries(
    Object.entries(data as object).map(([k, v]) => [
      k,
      typeof v === 'string' && !(template === 'notice' && k === 'body') ? v.replace(BREAKS, ' ').trim() : v,
    ]),
  ) as D
}
