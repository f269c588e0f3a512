// Where each database role connects. The owner (DATABASE_URL) runs migrations and seeds; the app
// never uses it. The app role is subject to row-level security; the privileged role bypasses it
// and is used only through `privilegedDb` (HQ screens, jobs, sign-in, tenant resolution).
export const APP_ROLE = 'omotenasu_app'
export const PRIVILEGED_ROLE = 'omotenasu_privileged'
const DEV_ROLE_PASSWORD = 'omotenasu-local-only'

export interface DatabaseUrls {
  app: string
  privileged: string
}

type Env = Record<string, string | undefined>

/** The password given to the two app roles when their URLs are derived from DATABASE_URL. */
export function rolePassword(env: Env = process.env): string {
  return env.DATABASE_ROLE_PASSWORD || DEV_ROLE_PASSWORD
}

function asRole(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl)
  url.username = role
  url.password = password
  return url.toString()
}

/** App and privileged URLs: given explicitly, or derived from DATABASE_URL with the role names. */
export function databaseUrls(env: Env = process.env): DatabaseUrls {
  const owner = env.DATABASE_URL
  const app = env.DATABASE_APP_URL || (owner && asRole(owner, APP_ROLE, rolePassword(env)))
  const privileged = env.DATABASE_PRIVILEGED_URL || (owner && asRole(owner, PRIVILEGED_ROLE, rolePassword(env)))
  if (!app || !privileged) {
    throw new Error(
      'No database configured: set DATABASE_URL (or DATABASE_APP_URL and DATABASE_PRIVILEGED_URL), or start the app ' +
        'with `npm start`, which runs an embedded PostgreSQL.',
    )
  }
  return { app, privileged }
}
