// POST /api/v1/pms/integration/:vendor — connect this hotel to its PMS (hotel host; owner or manager;
// plan feature pms_integration). The credentials are checked with the vendor, sealed (AES-256-GCM)
// and never returned; the first full sync runs before the answer. Audited without the credentials.
import { requireFeature } from '../../../../services/entitlements'
import { assertVendor, connectPms } from '../../../../services/pms'
import { pmsCredentialsInput } from '../../../../../shared/schemas/pms'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary:
    'connect this hotel to its PMS (hotel host; owner or manager; plan feature pms_integration). The credentials ' +
    'are checked with the vendor, sealed (AES-256-GCM) and never returned; the first full sync runs before the ' +
    'answer. Audited without the credentials.',
  bodyByVendor: pmsCredentialsInput,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const vendor = assertVendor(routeParam(event, 'vendor'))
  await requireFeature(db, 'pms_integration')
  const credentials = await readInput(event, pmsCredentialsInput[vendor])
  const result = await connectPms(db, vendor, credentials, { actor: auditActor(event) })
  return {
    status: result.status,
    vendor: result.vendor,
    features: result.features,
    property: result.property,
    sync: result.sync,
    syncError: result.syncError,
    // Shown once, like an API key: the URL to register in the PMS for push updates.
    webhookUrl: `${rootOrigin(event)}/api/webhooks/pms/${vendor}?secret=${result.webhookSecret}`,
  }
})
