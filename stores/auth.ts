import { defineStore } from 'pinia'
import type { SignInInput } from '~~/shared/schemas/auth'

/** Sign-in and sign-out for the three portals; the session itself is nuxt-auth-utils' cookie. */
export const useAuthStore = defineStore('auth', () => {
  const { fetch: refreshSession, clear } = useUserSession()
  const pending = ref(false)

  async function signIn(input: SignInInput) {
    pending.value = true
    try {
      await $fetch('/api/v1/auth/sign-in', { method: 'POST', body: input })
      await refreshSession()
    } finally {
      pending.value = false
    }
  }

  async function signOut(redirectTo: string) {
    await $fetch('/api/v1/auth/sign-out', { method: 'POST' })
    await clear()
    await navigateTo(redirectTo)
  }

  return { pending, signIn, signOut }
})
