// PATCH /api/v1/hq/pms-vendors/:id — contact, API endpoint, commission rate, partnership level,
// registration number (T + 13 digits), active (HQ; audited with before and after). A new rate
// applies to commissions computed from then on.
import { pmsVendorUpdateInput } from '../../../../../shared/schemas/hq'
import { updatePmsVendor } from '../../../../services/pms-vendors'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'contact, API endpoint, commission rate, partnership level, active (HQ; audited with before and after). A new ' +
    'rate applies to commissions computed from then on.',
  body: pmsVendorUpdateInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, pmsVendorUpdateInput)
  return updatePmsVendor(routeParam(event, 'id'), input, auditActor(event))
})
