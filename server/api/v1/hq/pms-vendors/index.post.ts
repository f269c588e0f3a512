// POST /api/v1/hq/pms-vendors — register a PMS vendor partner (HQ; audited). Hotels can connect
// only to vendors with a connector (cloudbeds, mews, opera); any vendor can co-sell with referrals.
import { pmsVendorInput } from '../../../../../shared/schemas/hq'
import { createPmsVendor } from '../../../../services/pms-vendors'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'HQ',
  security: 'hq',
  summary:
    'register a PMS vendor partner (HQ; audited). Hotels can connect only to vendors with a connector (cloudbeds, ' +
    'mews, opera); any vendor can co-sell with referrals.',
  body: pmsVendorInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, pmsVendorInput)
  const vendor = await createPmsVendor(input, auditActor(event))
  setResponseStatus(event, 201)
  return vendor
})
