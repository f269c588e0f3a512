// Sends a CSV export as a download named after the list and the Tokyo date. The handler has
// answered once this returns, so a route can `return sendCsv(…)` inside its JSON branch's type.
import type { H3Event } from 'h3'
import { send, setResponseHeader } from 'h3'

export async function sendCsv(event: H3Event, name: string, body: string): Promise<never> {
  const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="${name}-${today}.csv"`)
  setResponseHeader(event, 'Cache-Control', 'no-store')
  await send(event, body, 'text/csv; charset=utf-8')
  return undefined as never
}
