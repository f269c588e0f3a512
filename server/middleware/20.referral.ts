// `?ref=CODE` on any page of the root domain is remembered (cookie, 90 days); the signup form
// shows it and the signup records it. The code is validated at signup, never trusted here.
import { REFERRAL_COOKIE, REFERRAL_COOKIE_MAX_AGE } from '../utils/referral-cookie'

export default defineEventHandler((event) => {
  if (event.context.tenant || event.method !== 'GET') return
  const ref = getQuery(event).ref
  if (typeof ref !== 'string' || !/^[A-Za-z0-9_-]{4,64}$/.test(ref)) return
  setCookie(event, REFERRAL_COOKIE, ref, {
    maxAge: REFERRAL_COOKIE_MAX_AGE,
    sameSite: 'lax',
    path: '/',
    httpOnly: false,
  })
})
