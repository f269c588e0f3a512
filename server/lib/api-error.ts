// Turns anything a handler throws into the API's error shape { statusCode, message, data? }.
// Bad input is always a 4xx with a readable message; only true bugs are 500s.
import { ZodError } from 'zod'
import { DomainError, STATUS_OF, type Lang } from './errors.ts'
import { TenantScopeError } from '../db/tenancy.ts'
import { fieldMessage, issueFields } from '../../shared/i18n/field-messages.ts'
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
} from './database-unavailable.ts'

export interface ApiError {
  statusCode: number
  /** Stable, for programs; present when the thrower gave one. */
  code?: string
  /** In the request's language. */
  message: string
  data?: Record<string, unknown>
}

const GENERIC = {
  fields: {
    ja: (f: string) => `入力内容を確認してください: ${f}`,
    en: (f: string) => `Please check these fields: ${f}.`,
  },
  exists: { ja: 'すでに登録されています', en: 'This already exists' },
  notFound: { ja: '見つかりません。', en: 'Not found.' },
  referenced: {
    ja: 'ほかのデータから参照されているため変更できません。',
    en: 'This is still referenced by other records.',
  },
  failed: { ja: 'リクエストを処理できませんでした。', en: 'Request failed.' },
  badValue: {
    ja: '入力値をデータベースに保存できません(使用できない文字または形式です)。',
    en: 'A value cannot be stored: it contains a character or format that is not allowed.',
  },
  databaseUnavailable: DATABASE_UNAVAILABLE_MESSAGE,
  server: {
    ja: 'サーバー側で問題が発生しました。もう一度お試しください。続く場合はサポートにご連絡ください。',
    en: 'Something went wrong on our side. Please try again; if it keeps happening, contact support.',
  },
}

interface PrismaKnownError {
  code: string
  meta?: {
    target?: unknown
    modelName?: string
    driverAdapterError?: { cause?: { constraint?: { fields?: string[] }; originalCode?: string } }
  }
}

// Prisma 7 through adapter-pg: 22P02 arrives as P2007, 22001 as P2000, 22003 as P2020; other data
// exceptions (22021 a NUL byte, 22P05 a \u0000 in jsonb, …) as P2039 (P2010 from raw queries)
// with PostgreSQL's code in meta.driverAdapterError.cause.originalCode; pg itself throws `code`.
const BAD_VALUE_PRISMA = new Set(['P2000', 'P2007', 'P2020', 'P2023'])
const isDataException = (sqlState: unknown) => typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)

/** PostgreSQL refused a value the client sent (class 22, data exception): bad input, not a bug. */
function isBadValue(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, meta } = error as PrismaKnownError
  return (
    BAD_VALUE_PRISMA.has(code) ||
    isDataException(meta?.driverAdapterError?.cause?.originalCode) ||
    isDataException(code)
  )
}

function isPrismaKnown(error: unknown): error is PrismaKnownError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^P\d{4}$/.test((error as { code: string }).code)
  )
}

/** The first message of each field, in `lang` (shared/i18n/field-messages.ts: the same text UForm shows). */
export function zodFields(error: ZodError, lang: Lang = 'en'): Record<string, string> {
  return issueFields(error.issues, lang)
}

/** A domain error's `data.fields` messages (keys of the catalogue) in `lang`; codes stay as they are. */
function localizedData(data: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  const fields = data.fields
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return data
  return {
    ...data,
    fields: Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? fieldMessage(v, lang) : v]),
    ),
  }
}

/** The error's API form. `error` may be wrapped by h3 (its `cause` is the thrown value). */
export function toApiError(thrown: unknown, lang: Lang = 'en'): ApiError {
  const error = (thrown as { cause?: unknown; unhandled?: boolean })?.unhandled
    ? (thrown as { cause: unknown }).cause
    : thrown
  if (error instanceof DomainError) {
    return {
      statusCode: STATUS_OF[error.kind],
      ...(error.code ? { code: error.code } : {}),
      message: error.messageIn(lang),
      ...(error.data ? { data: localizedData(error.data, lang) } : {}),
    }
  }
  if (error instanceof ZodError) {
    const fields = zodFields(error, lang)
    return {
      statusCode: 400,
      code: 'invalid_input',
      message: GENERIC.fields[lang](Object.keys(fields).join(', ')),
      data: { fields },
    }
  }
  if (isDatabaseUnavailable(error))
    return {
      statusCode: 503,
      code: 'database_unavailable',
      message: GENERIC.databaseUnavailable[lang],
      data: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    }
  if (error instanceof TenantScopeError) return { statusCode: 404, code: 'not_found', message: GENERIC.notFound[lang] }
  if (isPrismaKnown(error)) {
    if (error.code === 'P2002') {
      const fields =
        error.meta?.driverAdapterError?.cause?.constraint?.fields ??
        (Array.isArray(error.meta?.target) ? error.meta.target : [])
      return {
        statusCode: 409,
        code: 'already_exists',
        message:
          `${GENERIC.exists[lang]}${fields.length ? ` (${fields.join(', ')})` : ''}` + (lang === 'ja' ? '。' : '.'),
        data: { fields },
      }
    }
    if (error.code === 'P2025') return { statusCode: 404, code: 'not_found', message: GENERIC.notFound[lang] }
    if (error.code === 'P2003') return { statusCode: 409, code: 'still_referenced', message: GENERIC.referenced[lang] }
  }
  if (isBadValue(error)) return { statusCode: 400, code: 'invalid_value', message: GENERIC.badValue[lang] }
  const h3 = thrown as { statusCode?: number; statusMessage?: string; message?: string; data?: unknown }
  // A 503 someone threw on purpose (the database is away, a service is not configured) is no bug either.
  if (typeof h3?.statusCode === 'number' && (h3.statusCode < 500 || h3.statusCode === 503)) {
    return {
      statusCode: h3.statusCode,
      message: h3.message || h3.statusMessage || GENERIC.failed[lang],
      ...(h3.data && typeof h3.data === 'object' ? { data: h3.data as Record<string, unknown> } : {}),
    }
  }
  return { statusCode: 500, code: 'internal', message: GENERIC.server[lang] }
}
