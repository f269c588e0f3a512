// First middleware: sheds load past MAX_IN_FLIGHT requests (server/lib/load-shedding.ts). An API
// request gets the JSON error (code `overloaded`, in the request's language), a page a small 503;
// both with Retry-After. Requests Nitro makes to itself while rendering a page (no socket) are the
// page's own work and are not counted again.
import { Socket } from 'node:net'
import { setResponseHeader, setResponseStatus } from 'h3'
import { exemptFromShedding, InFlightLimiter, maxInFlight, Overloaded, RETRY_AFTER_SECONDS } from '../lib/load-shedding'

const limiter = new InFlightLimiter(maxInFlight())

const BUSY_PAGE =
  '<!DOCTYPE html><html lang="ja"><meta charset="utf-8"><title>503</title>' +
  '<p>ただいま混み合っています。少し待ってから再読み込みしてください。</p>' +
  '<p lang="en">The service is busy right now. Please reload in a moment.</p></html>'

export default defineEventHandler((event) => {
  if (!(event.node.req.socket instanceof Socket) || exemptFromShedding(event.path)) return
  if (!limiter.tryEnter()) {
    if (event.path.startsWith('/api/')) throw Overloaded()
    setResponseStatus(event, 503)
    setResponseHeader(event, 'Retry-After', RETRY_AFTER_SECONDS)
    setResponseHeader(event, 'Content-Type', 'text/html; charset=utf-8')
    setResponseHeader(event, 'Cache-Control', 'no-store')
    return BUSY_PAGE
  }
  event.node.res.once('close', () => limiter.leave())
})
