// Resolves the tenant from the Host: {slug}.APP_DOMAIN or a tenant's own domain. The root domain
// (and IP hosts, which are never tenants) serve the agent portal, HQ and signup.
import { getRequestHeader } from 'h3'
import { resolveHost } from '../../shared/domain/host'
import { findTenantForHost } from '../services/tenant-directory'

const PASS_THROUGH = [
  '/_nuxt/',
  '/__nuxt',
  '/_fonts/',
  '/fonts/',
  '/api/_nuxt_icon',
  '/_i18n/',
  '/api/health',
  '/favicon',
]

export default defineEventHandler(async (event) => {
  event.context.tenant = null
  if (PASS_THROUGH.some((p) => event.path.startsWith(p))) return
  const target = resolveHost(getRequestHeader(event, 'host'), useRuntimeConfig().public.appDomain)
  if (target.kind === 'root' || target.kind === 'ip') return

  const tenant = await findTenantForHost(target)
  if (!tenant || tenant.status === 'cancelled') {
    throw createError({
      statusCode: 404,
      message: 'No hotel uses this address. Check the spelling of the address, or sign up at the main site.',
      data: { reason: 'unknown_tenant' },
    })
  }
  if (tenant.status === 'suspended') {
    throw createError({
      statusCode: 403,
      message: `${tenant.name} is suspended. Please contact OmotenasuAI support to restore access.`,
      data: { reason: 'tenant_suspended' },
    })
  }
  event.context.tenant = tenant
})
