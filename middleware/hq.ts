// Client mirror of requireHq(): signed in to the hq portal, else to its sign-in page.
export default defineNuxtRouteMiddleware((to) => {
  const { loggedIn, session } = useUserSession()
  if (!loggedIn.value || session.value?.portal !== 'hq') {
    return navigateTo({ path: '/hq/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} })
  }
})
