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
  /** A step of the hotel's refund request (services/refund-requests.ts), to each owner. */
  refund_request_update: {
    hotelName: string
    step: 'received' | 'auto_approved' | 'approved' | 'rejected' | 'refunded'
    type: 'full_refund' | 'roi_compensation'
    amountYen: number | null
    /** HQ's reason when rejected. */
    reason?: string
    creditNoteNumbers?: string[]
    /** 'YYYY-MM-DD' (Tokyo): the contract ends on this day after a full refund. */
    cancelsOn?: string | null
    url: string
  }
  /** The quarterly NPS survey to a hotel owner: a link to the public 0–10 question. */
  nps_survey: { name?: string; url: string; expiresAt: Date }
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
  /** A step of the hotel's ROI-guarantee compensation case (amounts in yen, ROI in percent). */
  roi_compensation: {
    hotelName: string
    step: 'opened' | 'credit' | 'refund' | 'rejected'
    amount: number
    roiPercent: number
    guaranteePercent: number
    reason?: string
  }
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
      `このリンクの有効期間は${d.expiresInMinutes}分で、一度だけ使えます。お心当たりがない場合は、` +
        `このメールを破棄してください。パスワードは変更されません。`,
    ),
  }),
  en: (d) => ({
    subject: '[OmotenasuAI] Reset your password',
    text: lines(
      'en',
      greetingEn(d.name),
      'We received a request to reset your password. Choose a new one here:',
      d.url,
      `This link works once and expires in ${d.expiresInMinutes} minutes. If you did not ask for this, ignore this ` +
        `message: your password stays as it is.`,
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
      `このリンクの有効期限は ${tokyoDateTime(d.expiresAt, 'ja')} です。お心当たりがない場合は、` +
        `このメールを破棄してください。`,
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
      `このリンクの有効期限は ${tokyoDateTime(d.expiresAt, 'ja')} です。お心当たりがない場合は、` +
        `このメールを破棄してください。`,
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
      `${tokyoDateTime(d.at, 'ja')} に、あなたの OmotenasuAI アカウントのパスワードが変更されました。` +
        `他の端末のサインインは終了しています。`,
      'お心当たりがない場合は、すぐにサインイン画面の「パスワードをお忘れの方」からパスワードを再設定し、' +
        '管理者にご連絡ください。',
    ),
  }),
  en: (d) => ({
    subject: '[OmotenasuAI] Your password was changed',
    text: lines(
      'en',
      greetingEn(d.name),
      `The password of your OmotenasuAI account was changed on ${tokyoDateTime(d.at, 'en')}. Your other sessions ` +
        `have been signed out.`,
      'If this was not you, reset your password now ("Forgot your password?" on the sign-in page) and tell your ' +
        'administrator.',
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

const yenText = (n: number) => `¥${n.toLocaleString('ja-JP')}`
const dateText = (d: string, locale: MailLocale) => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number]
  return locale === 'ja' ? `${y}年${m}月${day}日` : `${day} ${EN_MONTHS[m - 1]} ${y}`
}
const REFUND_TYPE: Record<MailLocale, Record<'full_refund' | 'roi_compensation', string>> = {
  ja: { full_refund: '全額返金', roi_compensation: 'ROI 保証の補償' },
  en: { full_refund: 'full refund', roi_compensation: 'ROI guarantee compensation' },
}
const REFUND_STEP_JA = {
  received: 'を受け付けました。本部で確認のうえ、結果をお知らせします。',
  auto_approved: 'は自動承認されました。返金の手続きを進めます。',
  approved: 'は承認されました。返金の手続きを進めます。',
  rejected: 'は承認されませんでした。',
  refunded: 'の返金が完了しました。適格返還請求書を発行しました。',
}
const REFUND_STEP_EN = {
  received: 'has been received. HQ will review it and let you know.',
  auto_approved: 'was approved automatically. The refund is on its way.',
  approved: 'has been approved. The refund is on its way.',
  rejected: 'was not approved.',
  refunded: 'has been paid back, and a credit note has been issued.',
}
const refundRequestUpdate: Template<MailTemplateData['refund_request_update']> = {
  ja: (d) => ({
    subject: `【OmotenasuAI】返金申請（${REFUND_TYPE.ja[d.type]}）のお知らせ`,
    text: lines(
      'ja',
      `${d.hotelName} ご担当者様`,
      `${REFUND_TYPE.ja[d.type]}の申請${REFUND_STEP_JA[d.step]}`,
      d.amountYen !== null && `金額: ${yenText(d.amountYen)}`,
      !!d.reason && `理由: ${d.reason}`,
      !!d.creditNoteNumbers?.length && `適格返還請求書: ${d.creditNoteNumbers.join('、')}`,
      !!d.cancelsOn && `ご契約は ${dateText(d.cancelsOn, 'ja')} に終了します。`,
      `詳細: ${d.url}`,
    ),
  }),
  en: (d) => ({
    subject: `[OmotenasuAI] Your refund request (${REFUND_TYPE.en[d.type]})`,
    text: lines(
      'en',
      `Dear ${d.hotelName} team,`,
      `Your request for a ${REFUND_TYPE.en[d.type]} ${REFUND_STEP_EN[d.step]}`,
      d.amountYen !== null && `Amount: ${yenText(d.amountYen)}`,
      !!d.reason && `Reason: ${d.reason}`,
      !!d.creditNoteNumbers?.length && `Credit notes: ${d.creditNoteNumbers.join(', ')}`,
      !!d.cancelsOn && `Your contract ends on ${dateText(d.cancelsOn, 'en')}.`,
      `Details: ${d.url}`,
    ),
  }),
}

const npsSurvey: Template<MailTemplateData['nps_survey']> = {
  ja: (d) => ({
    subject: '【OmotenasuAI】ご利用満足度アンケートのお願い（1分で終わります）',
    text: lines(
      'ja',
      greetingJa(d.name),
      'いつも OmotenasuAI をご利用いただきありがとうございます。',
      'OmotenasuAI を同業のホテル・旅館に勧める可能性はどのくらいありますか？ 0〜10 でお答えください。',
      d.url,
      `回答期限は ${tokyoDateTime(d.expiresAt, 'ja')} です。サインインは不要です。`,
    ),
  }),
  en: (d) => ({
    subject: '[OmotenasuAI] How likely are you to recommend us? (one minute)',
    text: lines(
      'en',
      greetingEn(d.name),
      'Thank you for using OmotenasuAI.',
      'How likely are you to recommend OmotenasuAI to another hotel? Answer from 0 to 10:',
      d.url,
      `The survey closes on ${tokyoDateTime(d.expiresAt, 'en')}. No sign-in needed.`,
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

const ROI_STEP_JA = {
  opened: 'ROI 保証の補償ケースを開始しました。本部で内容を確認し、結果をお知らせします。',
  credit: '補償を承認しました。補償額は次回以降のご請求から差し引かれます。',
  refund: '補償を承認しました。補償額(税抜、別途消費税)を返金し、適格返還請求書を発行しました。',
  rejected: '補償のご請求は承認されませんでした。',
}
const ROI_STEP_EN = {
  opened: 'A compensation case under the ROI guarantee has opened. HQ will review it and let you know.',
  credit: 'The compensation is approved: it comes off your next invoices.',
  refund: 'The compensation is approved: it is refunded (before tax, plus its tax) with a credit note.',
  rejected: 'The compensation was not approved.',
}
const roiCompensation: Template<MailTemplateData['roi_compensation']> = {
  ja: (d) => ({
    subject: `【OmotenasuAI】ROI 保証の補償: ${d.hotelName}`,
    text: lines(
      'ja',
      `${d.hotelName} ご担当者様`,
      ROI_STEP_JA[d.step],
      `最初の6か月の ROI: ${d.roiPercent}%(保証 ${d.guaranteePercent}%)\n補償額: ${yenText(d.amount)}`,
      d.reason ? `理由: ${d.reason}` : undefined,
      '詳細はホテル管理画面の「ROI」でご確認いただけます。',
    ),
  }),
  en: (d) => ({
    subject: `[OmotenasuAI] ROI guarantee compensation: ${d.hotelName}`,
    text: lines(
      'en',
      `Dear ${d.hotelName} team,`,
      ROI_STEP_EN[d.step],
      `ROI of the first 6 months: ${d.roiPercent}% (guaranteed ${d.guaranteePercent}%)\nAmount: ${yenText(d.amount)}`,
      d.reason ? `Reason: ${d.reason}` : undefined,
      'See the details on the ROI page of your hotel admin.',
    ),
  }),
}

export const MAIL_TEMPLATES: { [K in MailTemplateName]: Template<MailTemplateData[K]> } = {
  password_reset: passwordReset,
  hotel_invitation: hotelInvitation,
  agent_invitation: agentInvitation,
  password_changed: passwordChanged,
  customer_referral_invitation: customerReferralInvitation,
  refund_request_update: refundRequestUpdate,
  nps_survey: npsSurvey,
  lifecycle_onboarding: lifecycleOnboarding,
  lifecycle_referral_invitation: lifecycleReferralInvitation,
  churn_intervention: churnIntervention,
  notice,
  roi_compensation: roiCompensation,
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
