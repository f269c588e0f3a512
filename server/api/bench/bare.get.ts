// GET /api/bench/bare — constant JSON, the baseline of bench/http.ts: every layer of the request path
// (Nitro plugins, middleware, router) and nothing of ours. Exists only when the server runs with BENCH=1.
import { NotFound } from '../../lib/errors'

const BARE = { ok: true }

export default defineEventHandler(() => {
  if (process.env.BENCH !== '1') throw NotFound()
  return BARE
})
