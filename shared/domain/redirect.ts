// Where a sign-in page may send the person afterwards (`?redirect=`): a path on this host only.
import { hasProtocol } from 'ufo'

/**
 * `value` when it is a path of this site, else `fallback`. Refuses what a browser would take to
 * another host (`//evil.example`, `/\evil.example`, a tab or newline it silently drops) and anything
 * Nuxt's navigateTo would refuse as external, which used to show "sign-in failed" after a sign-in
 * that had succeeded.
 */
export function safeRedirect(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback
  // eslint-disable-next-line no-control-regex
  if (/^[/\\]{2}|[\\\u0000-\u001f\u007f]/.test(value) || hasProtocol(value, { acceptRelative: true })) return fallback
  return value
}
