// Resolves the tenant from the Host: {slug}.APP_DOMAIN or a tenant's own domain. The root domain
// (and IP hosts, which are never tenants) serve the agent portal, HQ and signup.
import { getRequestHeader } from 'h3'
import { Forbidden, msg, NotFound } from '../lib/errors'
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
    throw NotFound(
      msg(
        'unknown_tenant',
        'このアドレスを使っているホテルはありません。' +
          'アドレスのつづりをご確認いただくか、メインサイトからお申し込みください。',
        'No hotel uses this address. Check the spelling of the address, or sign up at the main site.',
      ),
      { reason: 'unknown_tenant' },
    )
  }
  if (tenant.status === 'suspended') {
    throw Forbidden(
      msg(
        'tenant_suspended',
        `「${tenant.name}」のご利用は停止されています。再開については OmotenasuAI サポートにお問い合わせください。`,
        `${tenant.name} is suspended. Please contact OmotenasuAI support to restore access.`,
      ),
      { reason: 'tenant_suspended' },
    )
  }
  event.context.tenant = tenant
})
