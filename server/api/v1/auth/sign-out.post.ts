// POST /api/v1/auth/sign-out — ends the session on this host
export default defineEventHandler(async (event) => {
  await clearUserSession(event)
  return { signedOut: true }
})
