// A payee's qualified-invoice registration number (適格請求書発行事業者登録番号, T + 13 digits with
// its check digit verified by the zod schema): agents, referring hotels and PMS vendors each keep
// theirs. It is copied onto their draft payouts (only drafts change) and printed on statements.
import type { Prisma } from '../generated/prisma/client.ts'
import type { ReferrerTypeName } from '../../shared/domain/referrals.ts'
import type { TenantDb } from '../db/tenancy.ts'
import { privilegedDb } from '../db/index.ts'
import { recordAudit, type Actor } from './audit.ts'

type Tx = Prisma.TransactionClient

/** Draft payouts of the payee carry the new number (HQ-only table: the privileged client). */
export async function refreshDraftRegistrationNumbers(
  tx: Tx,
  payeeType: ReferrerTypeName,
  payeeId: string,
  registrationNumber: string | null,
) {
  return tx.payout.updateMany({ where: { payeeType, payeeId, status: 'draft' }, data: { registrationNumber } })
}

/** The hotel's own number (any member may read it). */
export async function tenantRegistrationNumber(db: TenantDb) {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: db.tenantId } })
  return { registrationNumber: tenant.qualifiedInvoiceNumber }
}

/** The hotel's own number, through its tenant-scoped client (RLS); then its draft payouts (HQ table). */
export async function setTenantRegistrationNumber(db: TenantDb, registrationNumber: string | null, actor: Actor) {
  const result = await db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: db.tenantId } })
    await tx.tenant.update({ where: { id: db.tenantId }, data: { qualifiedInvoiceNumber: registrationNumber } })
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'tenant',
      entityId: db.tenantId,
      before: { qualifiedInvoiceNumber: before.qualifiedInvoiceNumber },
      after: { qualifiedInvoiceNumber: registrationNumber },
    })
    return { registrationNumber }
  })
  await refreshDraftRegistrationNumbers(privilegedDb(), 'customer', db.tenantId, registrationNumber)
  return result
}

export async function setVendorRegistrationNumber(tx: Tx, vendorId: string, registrationNumber: string | null) {
  const before = await tx.pmsVendor.findUniqueOrThrow({ where: { id: vendorId } })
  await tx.pmsVendor.update({ where: { id: vendorId }, data: { qualifiedInvoiceNumber: registrationNumber } })
  await refreshDraftRegistrationNumbers(tx, 'pms_vendor', vendorId, registrationNumber)
  return {
    before: { qualifiedInvoiceNumber: before.qualifiedInvoiceNumber },
    after: { qualifiedInvoiceNumber: registrationNumber },
  }
}
