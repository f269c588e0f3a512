// POST /api/v1/hq/pms-vendors — register a PMS vendor partner (HQ; audited). Hotels can connect
// only to vendors with a connector (cloudbeds, mews, opera); any vendor can co-sell with referrals.
import { pmsVendorInput } from '../../../../../shared/schemas/hq'
import { businessRules } from '../../../../services/business-rules'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const input = await readInput(event, pmsVendorInput)
  const vendor = await db.$transaction(async (tx) => {
    // Without a rate, the PMS default rate in force today (a business setting).
    const created = await tx.pmsVendor.create({
      data: {
        ...input,
        commissionRateBps: input.commissionRateBps ?? (await businessRules(tx, new Date())).pmsDefaultCommissionBps,
      },
    })
    await writeAudit(tx, event, { action: 'create', entity: 'pms_vendor', entityId: created.id, after: created })
    return created
  })
  setResponseStatus(event, 201)
  return vendor
})
