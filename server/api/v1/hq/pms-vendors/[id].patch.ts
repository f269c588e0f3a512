// PATCH /api/v1/hq/pms-vendors/:id — contact, API endpoint, commission rate, partnership level,
// registration number (T + 13 digits), active (HQ; audited with before and after). A new rate applies to commissions computed from then on.
import { pmsVendorUpdateInput } from '../../../../../shared/schemas/hq'
import { NotFound } from '../../../../lib/errors'
import { refreshDraftRegistrationNumbers } from '../../../../services/registration-numbers'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  const input = await readInput(event, pmsVendorUpdateInput)
  return db.$transaction(async (tx) => {
    const before = await tx.pmsVendor.findUnique({ where: { id } })
    if (!before) throw NotFound('This PMS vendor does not exist.')
    const after = await tx.pmsVendor.update({ where: { id }, data: input })
    if (input.qualifiedInvoiceNumber !== undefined)
      await refreshDraftRegistrationNumbers(tx, 'pms_vendor', id, input.qualifiedInvoiceNumber)
    await writeAudit(tx, event, { action: 'update', entity: 'pms_vendor', entityId: id, before, after })
    return after
  })
})
