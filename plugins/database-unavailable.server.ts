// A signed-in person whose session cannot be read because the database is away gets the 503 page with
// the reason, not the sign-in page: nuxt-auth-utils takes a failed session fetch for "signed out".
// Only then (a session cookie, no session) is /api/health asked, so a normal page costs nothing more.
import { DATABASE_UNAVAILABLE_MESSAGE } from '~~/shared/i18n/database-unavailable'

export default defineNuxtPlugin({
  name: 'database-unavailable',
  dependsOn: ['session-fetch-plugin'],
  async setup(nuxtApp) {
    if (useUserSession().loggedIn.value) return
    const cookie = useRequestHeaders(['cookie']).cookie ?? ''
    if (!/(?:^|;\s*)omotenasu-session=/.test(cookie)) return
    type Health = { database?: { status?: string } }
    const health = await useRequestFetch()<Health>('/api/health').catch((error: { data?: Health }) => error.data)
    if (health?.database?.status !== 'down') return
    const lang = nuxtApp.$i18n.locale.value === 'en' ? 'en' : 'ja'
    throw createError({
      statusCode: 503,
      statusMessage: 'Service Unavailable',
      message: DATABASE_UNAVAILABLE_MESSAGE[lang],
    })
  },
})
