// Client mirror of requireTenantMember(): signed in to the hotel portal, else to its sign-in page.
export default defineNuxtRouteMiddleware((to) => {
  const { loggedIn, session } = useUserSession()
  if (!loggedIn.value || session.value?.portal !== 'hotel') {
    return navigateTo({ path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} })
  }
})
