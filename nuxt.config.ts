// OmotenasuAI Platform — one Nuxt app for hotels (tenant hosts), agents (/agent), HQ (/hq) and
// PMS vendors (/api/v1/pms). Everything it serves comes from this machine: icons from the local
// lucide collection, fonts from @fontsource files, no CDN.
import { fileURLToPath } from 'node:url'
import type { Nuxt } from 'nuxt/schema'

/**
 * Keeps Vue's `onServerPrefetch` in the browser bundle (Nuxt removes it there by default). A component
 * that registers it (every @nuxt/icon icon does) is an "async boundary" for `useId`; with the hook
 * removed in the browser only, the ids of every form field after an icon differed between server
 * and browser (v-0-11-0 against v-0-0-0) and each page with a form failed to hydrate cleanly
 * (vuejs/core#12591). Keeping the registration costs a few bytes; the hook never runs in a browser.
 */
function keepServerPrefetchInBrowser(_options: unknown, nuxt: Nuxt) {
  const client = nuxt.options.optimization.treeShake.composables.client
  if (client.vue) client.vue = client.vue.filter((name) => name !== 'onServerPrefetch')
}

export default defineNuxtConfig({
  srcDir: '.',
  compatibilityDate: '2026-11-01',
  devtools: { enabled: false },
  telemetry: false,
  modules: [
    keepServerPrefetchInBrowser,
    '@nuxt/ui',
    '@pinia/nuxt',
    'nuxt-cron',
    '@nuxtjs/i18n',
    'nuxt-auth-utils',
    '@nuxt/eslint',
  ],
  css: ['~/assets/css/main.css'],
  // Components are grouped by page in folders, and named without the folder prefix.
  components: [{ path: '~/components', pathPrefix: false }],

  ui: { fonts: false },
  // Lint config generated for this project (eslint.config.mjs); formatting is Prettier's job.
  eslint: { config: { stylistic: false } },
  // HYDRATION_DETAILS=1 at build time: a hydration mismatch names its element and both values in the
  // console (the crawl test, tests/e2e/crawl.test.ts, prints them). Off by default: it costs at runtime.
  ...(process.env.HYDRATION_DETAILS === '1'
    ? { vite: { define: { __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true' } } }
    : {}),
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
    detectBrowserLanguage: {
      useCookie: true,
      cookieKey: 'omotenasu_locale',
      redirectOn: 'no prefix',
      fallbackLocale: 'ja',
    },
  },

  cron: { runOnInit: false, timeZone: 'Asia/Tokyo', jobsDir: 'cron' },

  runtimeConfig: {
    // nuxt-auth-utils reads NUXT_SESSION_PASSWORD; sessions expire after 8 hours. The cookie is
    // Secure unless NUXT_SESSION_COOKIE_SECURE=false (plain-http localhost, set by scripts/serve.ts).
    session: {
      password: '',
      maxAge: 60 * 60 * 8,
      name: 'omotenasu-session',
      cookie: { sameSite: 'lax', secure: true },
    },
    public: {
      appDomain: 'localhost',
    },
  },

  hooks: {
    // API errors are answered as JSON by our handler; page errors go on to Nuxt's error page.
    // (Nitro options set here: nuxt.config's `nitro` key is typed without them in Nuxt 4.5.)
    'nitro:config'(nitroConfig) {
      const config = nitroConfig as {
        errorHandler?: string | string[]
        serverAssets?: { baseName: string; dir: string }[]
        plugins?: string[]
        compressPublicAssets?: { gzip: boolean; brotli: boolean }
      }
      // Static assets are written beside their .gz and .br at build time and served by Accept-Encoding;
      // HTML and JSON are compressed per response (server/plugins/compression.ts).
      config.compressPublicAssets = { gzip: true, brotli: true }
      // First of all plugins: every request shares the start-up runtime config (see the file).
      config.plugins = [
        fileURLToPath(new URL('./server/plugins-first/shared-runtime-config.ts', import.meta.url)),
        ...(config.plugins ?? []),
      ]
      // /api/health compares the applied migrations with the ones this build was made from.
      config.serverAssets = [
        ...(config.serverAssets ?? []),
        { baseName: 'migrations', dir: fileURLToPath(new URL('./prisma/migrations', import.meta.url)) },
      ]
      const nuxtHandlers = config.errorHandler ? [config.errorHandler].flat() : []
      config.errorHandler = [fileURLToPath(new URL('./server/error-handler.ts', import.meta.url)), ...nuxtHandlers]
    },
  },

  typescript: {
    strict: true,
    tsConfig: { compilerOptions: { allowImportingTsExtensions: true } },
  },
})
