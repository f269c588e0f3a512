// Mirrors the server: hotel pages exist only on a hotel's host; /agent and /hq only on the root.
export default defineNuxtRouteMiddleware((to) => {
  const surface = useSurface()
  const rootOnly = to.path.startsWith('/agent') || to.path.startsWith('/hq')
  const hotelOnly = to.meta.surface === 'hotel'
  if (
    (surface.value.kind === 'tenant' && (rootOnly || to.meta.surface === 'root')) ||
    (surface.value.kind === 'root' && hotelOnly)
  ) {
    return abortNavigation(createError({ statusCode: 404, message: 'Page not found', fatal: true }))
  }
})
