// Fault injection for `npm run test:reliability`: a named point inside a transaction where the test
// harness can hold the work (and kill the process) to prove a crash midway leaves nothing half-done.
// Inert in production: it acts only when NODE_ENV is `test` AND FAULT_DELAY_MS_<POINT> is set, both
// read at run time (through an alias: the bundler would freeze `process.env.NODE_ENV` at build time).
const env = process.env

/** The variable that holds `point` for that many milliseconds: `job:commissions` → FAULT_DELAY_MS_JOB_COMMISSIONS. */
export const faultVariable = (point: string) => `FAULT_DELAY_MS_${point.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`

export async function faultPoint(point: string): Promise<void> {
  if (env.NODE_ENV !== 'test') return
  const ms = Number(env[faultVariable(point)] || 0)
  if (!(ms > 0)) return
  // The harness waits for this line on the app's stdout, then sends SIGKILL.
  console.log(`[fault] ${point}: holding ${ms} ms`)
  await new Promise((resolve) => setTimeout(resolve, ms))
}
