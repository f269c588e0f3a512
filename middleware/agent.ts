// Client mirror of requireAgent(): signed in to the agent portal, else to its sign-in page.
export default defineNuxtRouteMiddleware((to) => {
  const { loggedIn, session } = useUserSession()
  if (!loggedIn.value || session.value?.portal !== 'agent') {
    return navigateTo({ path: '/agent/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} })
  }
})
