// Registered before every other Nitro plugin (nuxt.config's nitro:config hook), so that its request
// hook runs first. Nitro's useRuntimeConfig(event) deep-copies the whole runtime config and re-reads
// the environment for each of its keys on the first call of every request; @nuxtjs/i18n makes that
// call on every request (initializeI18nContext, nuxt-modules/i18n#4144), which was 72% of the CPU of
// a bare request. The config is the same for every request, so each request gets the one Nitro
// computed at start-up, which is deep-frozen: a handler that tried to change it per request would
// throw instead of changing it for everyone.

export default defineNitroPlugin((nitroApp) => {
  const shared = useRuntimeConfig()
  nitroApp.hooks.hook('request', (event) => {
    event.context.nitro ??= { errors: [] }
    event.context.nitro.runtimeConfig ??= shared
  })
})
