// Counts a visit of a tracking link: `/signup?ref=CODE` and any root-domain page with `ref`. One
// visitor per code and Tokyo day (services/funnel.ts: salted daily hash, no address stored); bots,
// API calls and assets are not visits. Never fails the page: a counting error is logged.
import { getRequestHeader } from 'h3'
import { recordVisit } from '../services/funnel'
import { clientAddressOrNull } from '../utils/request'

const NOT_A_PAGE = /^\/(api|_nuxt|__nuxt|_ipx|fonts|favicon|robots\.txt)/

export default defineEventHandler(async (event) => {
  if (event.context.tenant || event.method !== 'GET') return
  const path = event.path.split('?')[0] ?? '/'
  if (NOT_A_PAGE.test(path) || /\.[a-z0-9]{2,5}$/i.test(path)) return
  const ref = getQuery(event).ref
  if (typeof ref !== 'string' || !/^[A-Za-z0-9_-]{4,64}$/.test(ref)) return
  try {
    await recordVisit(ref, {
      ip: clientAddressOrNull(event),
      userAgent: getRequestHeader(event, 'user-agent')?.slice(0, 500) ?? null,
    })
  } catch (error) {
    console.error('[funnel] visit not counted:', (error as Error).message)
  }
})
