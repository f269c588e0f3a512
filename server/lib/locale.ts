// The language of a request: the person's chosen language (the omotenasu_locale cookie the
// language switch sets), else the first supported language of Accept-Language, else Japanese.
import type { Lang } from './errors.ts'

export const LOCALE_COOKIE = 'omotenasu_locale'

export function langFrom(cookieHeader: string | undefined, acceptLanguage: string | undefined): Lang {
  const chosen = cookieHeader
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === LOCALE_COOKIE)?.[1]
  if (chosen === 'ja' || chosen === 'en') return chosen
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase()
    if (tag.startsWith('ja')) return 'ja'
    if (tag.startsWith('en')) return 'en'
  }
  return 'ja'
}
