// Field messages of the shared zod schemas, in both languages: one catalogue for the server (the
// API's `data.fields`, in the request's language) and the browser (UForm, in the page's language).
// A schema names a message by its key (`fk('email')`, with values: `fk('between', { min, max })`);
// a rule without its own message gets zod's own message in the language (zod's locales).
import { z } from 'zod'
/** The two languages (as server/lib/errors.ts). */
export type Lang = 'ja' | 'en'

type Entry = { ja: string; en: string }

const FIELD_MESSAGES = {
  email: { ja: '有効なメールアドレスを入力してください。', en: 'Enter a valid email address.' },
  emails: { ja: '有効なメールアドレスを入力してください。', en: 'Enter valid email addresses.' },
  password: { ja: 'パスワードを入力してください。', en: 'Enter your password.' },
  currentPassword: { ja: '現在のパスワードを入力してください。', en: 'Enter your current password.' },
  passwordDifferent: {
    ja: '現在とは異なるパスワードを選んでください。',
    en: 'Choose a password different from the current one.',
  },
  minChars: { ja: '{min}文字以上で入力してください。', en: 'At least {min} characters.' },
  maxChars: { ja: '{max}文字以内で入力してください。', en: 'At most {max} characters.' },
  choosePlan: { ja: 'プランを選んでください。', en: 'Choose a plan.' },
  refundReason: { ja: '返金の理由を入力してください。', en: 'Give the reason for the refund.' },
  atLeast: { ja: '{min}以上で入力してください。', en: 'At least {min}.' },
  atLeastPercent: { ja: '{min}%以上で入力してください。', en: 'At least {min}%.' },
  atMostPercent: { ja: '{max}%以下で入力してください。', en: 'At most {max}%.' },
  date: { ja: '日付を YYYY-MM-DD の形式で入力してください。', en: 'A date (YYYY-MM-DD).' },
  calendarDate: { ja: '存在しない日付です。', en: 'Not a calendar date.' },
  month: { ja: '月を YYYY-MM の形式で入力してください。', en: 'Give the month as YYYY-MM.' },
  transferDate: { ja: '振込日を YYYY-MM-DD の形式で入力してください。', en: 'Give the transfer date as YYYY-MM-DD.' },
  twoDecimals: { ja: 'パーセントは小数点以下2桁までです。', en: 'At most two decimals of a percent.' },
  betweenPercent: { ja: '{min}%から{max}%の間で入力してください。', en: 'Between {min}% and {max}%.' },
  between: { ja: '{min}から{max}の間で入力してください。', en: 'Between {min} and {max}.' },
  wholeYen: { ja: '円単位の整数で入力してください。', en: 'Whole yen only.' },
  wholeMonths: { ja: '月数は整数で入力してください。', en: 'Whole months only.' },
  wholeMinutes: { ja: '分数は整数で入力してください。', en: 'Whole minutes only.' },
  wholeRooms: { ja: '客室数は整数で入力してください。', en: 'Whole rooms only.' },
  atLeastOneRoom: { ja: '1室以上で入力してください。', en: 'At least 1 room.' },
  maxHourlyCost: { ja: '1時間あたり¥100,000以下で入力してください。', en: 'At most ¥100,000 per hour.' },
  maxAddresses: { ja: 'アドレスは10件までです。', en: 'At most 10 addresses.' },
  timeZone: {
    ja: '有効なタイムゾーンを選んでください(例: Asia/Tokyo)。',
    en: 'Choose a valid time zone (e.g. Asia/Tokyo).',
  },
  taskComment: { ja: 'コメントを入力してください。', en: 'Write a comment.' },
  keyName: { ja: 'キーの名前を入力してください(例: production)。', en: 'Name the key (e.g. "production").' },
  companyName: { ja: '会社名を入力してください。', en: 'Enter the company name.' },
  contactName: { ja: '担当者名を入力してください。', en: 'Enter the contact name.' },
  personName: { ja: '氏名を入力してください。', en: 'Enter the person’s name.' },
  rankReason: { ja: '理由を5文字以上で入力してください。', en: 'Give the reason (at least 5 characters).' },
  monthFormat: { ja: '月を YYYY-MM の形式で入力してください。', en: 'A month (YYYY-MM).' },
  apiEndpoint: {
    ja: 'API のベース URL を入力してください(例: https://api.mews.com)。',
    en: 'Enter the API base URL, e.g. https://api.mews.com.',
  },
  https: { ja: 'https:// のアドレスを入力してください。', en: 'Use an https:// address.' },
  vendorCode: { ja: '半角小文字・数字・ハイフンで入力してください。', en: 'Lowercase letters, digits and hyphens.' },
  vendorName: { ja: 'ベンダー名を入力してください。', en: 'Enter the vendor name.' },
  invoiceNumber: {
    ja: '登録番号は T と13桁の数字です(通知書の番号をご確認ください)。',
    en: 'A registration number is T followed by 13 digits (check the number on the notice).',
  },
  bankCode: { ja: '金融機関コードは4桁の数字です。', en: 'A bank code has 4 digits.' },
  branchCode: { ja: '支店コードは3桁の数字です。', en: 'A branch code has 3 digits.' },
  accountNumber: { ja: '口座番号は7桁以内の数字です。', en: 'An account number has up to 7 digits.' },
  holderKana: { ja: '口座名義をカタカナで入力してください。', en: 'Enter the account holder in katakana.' },
  returnedReason: {
    ja: '銀行から返却された理由を入力してください(例: 口座解約)。',
    en: 'Say why the bank returned it (e.g. account closed).',
  },
  secret: { ja: '{what}を入力してください。', en: 'Enter the {what}.' },
  propertyId: { ja: 'プロパティ ID を入力してください。', en: 'Enter the property ID.' },
  apiKeyOrToken: {
    ja: 'API キーまたは OAuth アクセストークンのどちらか一方を入力してください。',
    en: 'Enter either an API key or an OAuth access token.',
  },
  operaHotel: { ja: 'OPERA のホテルコードを入力してください。', en: 'Enter the OPERA hotel code.' },
  day: { ja: 'YYYY-MM-DD の形式で入力してください。', en: 'Use YYYY-MM-DD.' },
  hotelName: { ja: 'ホテル名を入力してください。', en: 'Enter the hotel name.' },
  hotelNameOf: { ja: 'ホテル名を入力してください。', en: "Enter the hotel's name." },
  contactNameOf: { ja: '担当者名を入力してください。', en: "Enter the contact's name." },
  yourName: { ja: 'お名前を入力してください。', en: 'Enter your name.' },
  subdomain: {
    ja: '半角小文字・数字・ハイフンで入力してください(先頭と末尾にハイフンは使えません)。',
    en: 'Use lowercase letters, digits and hyphens (not at the start or end).',
  },
  subdomainReserved: { ja: 'このサブドメインは予約されています。', en: 'This subdomain is reserved.' },
  roomNumber: { ja: '部屋番号を入力してください。', en: 'Enter a room number.' },
  roomNumberLength: { ja: '部屋番号は20文字以内です。', en: 'A room number has at most 20 characters.' },
  roomNumberChars: { ja: '文字・数字・ハイフンのみ使えます。', en: 'Use letters, digits and hyphens only.' },
  thisMonthOrLater: { ja: '今月以降の月を入力してください。', en: 'This month or later.' },
  fromTomorrow: { ja: '明日以降の日付を入力してください。', en: 'From tomorrow on.' },
  outOfRange: { ja: '許容範囲外の値です。', en: 'Out of range.' },
  ownHotel: { ja: '自社のホテルまたは会社のアドレスです。', en: 'Your own hotel or company.' },
  capacity: { ja: '定員は1名以上です。', en: 'A room holds at least 1 guest.' },
  refundRequestReason: {
    ja: '申請の理由を3文字以上で入力してください。',
    en: 'Give the reason for your request (at least 3 characters).',
  },
  rejectReason: { ja: '却下の理由を3文字以上で入力してください。', en: 'Give the reason (at least 3 characters).' },
  bankName: { ja: '振込元の金融機関名を入力してください。', en: 'Enter the bank the transfer was sent from.' },
  transferReference: { ja: '振込の照会番号を入力してください。', en: 'Enter the transfer reference.' },
  positiveYen: { ja: '1円以上の整数で入力してください。', en: 'Whole yen, at least ¥1.' },
  listPage: { ja: 'ページは1から10000までの整数です。', en: 'A page is a whole number from 1 to 10000.' },
  listPageSize: { ja: '1ページの件数は1から100までです。', en: 'Between 1 and 100 rows per page.' },
  listSort: { ja: '並べ替えの指定が正しくありません。', en: 'Not a sort order this list offers.' },
  listFilter: { ja: '絞り込みの値が正しくありません。', en: 'Not a value this filter offers.' },
  listSearch: { ja: '検索語は100文字以内です。', en: 'A search has at most 100 characters.' },
  listFormat: { ja: '形式は json か csv です。', en: 'The format is json or csv.' },
  planShown: { ja: '表示されているプランからお選びください。', en: 'Choose one of the plans shown.' },
  maxRoomsOnPlan: { ja: '「{plan}」は{max}室までです。', en: 'At most {max} rooms on {plan}.' },
  subdomainTaken: { ja: 'このサブドメインはすでに使われています。', en: 'This subdomain is taken.' },
  emailRegistered: { ja: 'このメールアドレスはすでに登録されています。', en: 'Already registered.' },
  unknownBankCode: { ja: 'この金融機関コードは見つかりません。', en: 'Unknown bank code.' },
  unknownBranchCode: { ja: 'この金融機関にこの支店コードはありません。', en: 'Unknown branch code for this bank.' },
  holderKanaChars: { ja: 'カタカナ・数字・英大文字のみ使えます。', en: 'Katakana, digits and A–Z only.' },
  fileMissing: { ja: 'ファイルを選んでください。', en: 'No file.' },
  fileTooLarge: { ja: 'ファイルが大きすぎます。', en: 'Too large.' },
  fileType: { ja: '対応していないファイル形式です。', en: 'Unsupported file type.' },
  closedMonth: { ja: '締め済みの月を選んでください。', en: 'Choose a closed month.' },
  pmsRefused: { ja: 'PMS に拒否されました。', en: 'Refused by the PMS.' },
} satisfies Record<string, Entry>

/** Words used inside messages (`fk('secret', { what: 'clientToken' })`). */
const WORDS: Record<string, Entry> = {
  clientToken: { ja: 'クライアントトークン', en: 'client token' },
  accessToken: { ja: 'アクセストークン', en: 'access token' },
  apiKey: { ja: 'API キー', en: 'API key' },
  clientId: { ja: 'クライアント ID', en: 'client id' },
  clientSecret: { ja: 'クライアントシークレット', en: 'client secret' },
  appKey: { ja: 'アプリケーションキー', en: 'application key' },
}

export type FieldMessageKey = keyof typeof FIELD_MESSAGES
const PREFIX = 'field:'

/** A schema's message: its key, and the values it names, e.g. `field:between{"min":1,"max":5}`. */
export function fk(key: FieldMessageKey, values?: Record<string, string | number>): string {
  return `${PREFIX}${key}${values ? JSON.stringify(values) : ''}`
}

/** The text of a message a schema gave (a key from `fk`), in `lang`; any other text as it is. */
export function fieldMessage(message: string, lang: Lang): string {
  if (!message.startsWith(PREFIX)) return message
  const brace = message.indexOf('{')
  const key = (brace < 0 ? message.slice(PREFIX.length) : message.slice(PREFIX.length, brace)) as FieldMessageKey
  const entry = FIELD_MESSAGES[key] as Entry | undefined
  if (!entry) return message
  const values = brace < 0 ? {} : (JSON.parse(message.slice(brace)) as Record<string, string | number>)
  return entry[lang].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name]
    return v === undefined ? `{${name}}` : typeof v === 'string' && WORDS[v] ? WORDS[v][lang] : String(v)
  })
}

const ZOD_LOCALE = { ja: z.locales.ja().localeError, en: z.locales.en().localeError }

type Issue = z.core.$ZodIssue

/**
 * An issue's message in `lang`: the schema's own (a key) translated, else zod's message for the rule
 * in that language. zod wrote the issue's message with its default (English) locale; a message
 * equal to that default is zod's, anything else is the schema's.
 */
export function issueMessage(issue: Issue, lang: Lang): string {
  if (issue.message.startsWith(PREFIX)) return fieldMessage(issue.message, lang)
  const raw = issue as unknown as z.core.$ZodRawIssue
  const asDefault = ZOD_LOCALE.en(raw)
  const defaultText = typeof asDefault === 'string' ? asDefault : asDefault?.message
  if (defaultText !== issue.message) return issue.message
  const localized = ZOD_LOCALE[lang](raw)
  return (typeof localized === 'string' ? localized : localized?.message) ?? issue.message
}

/** The first message of each field (path `a.b`, `_` for the whole value), in `lang`. */
export function issueFields(issues: readonly Issue[], lang: Lang): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of issues) fields[issue.path.join('.') || '_'] ??= issueMessage(issue, lang)
  return fields
}

/** The Standard Schema interface (standardschema.dev, meant to be copied), as UForm reads it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (
      value: unknown,
    ) => Promise<
      | { value: Output; issues?: undefined }
      | { issues: ReadonlyArray<{ message: string; path?: ReadonlyArray<PropertyKey> }> }
    >
    readonly types?: { readonly input: Input; readonly output: Output }
  }
}

/**
 * `schema` as a Standard Schema whose issues read in `lang()` (read at each validation): what UForm
 * is given, so the browser shows the same rule's message as the API, in the page's language.
 */
export function localizedSchema<S extends z.ZodType>(
  schema: S,
  lang: () => Lang,
): StandardSchemaV1<z.input<S>, z.output<S>> {
  return {
    '~standard': {
      version: 1,
      vendor: 'omotenasu',
      async validate(value: unknown) {
        const result = await schema.safeParseAsync(value)
        if (result.success) return { value: result.data as z.output<S> }
        return {
          issues: result.error.issues.map((issue) => ({ message: issueMessage(issue, lang()), path: issue.path })),
        }
      },
    },
  }
}
