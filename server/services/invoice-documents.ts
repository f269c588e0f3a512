// Credit notes (適格返還請求書) and receipts (領収書): issued inside the transaction of the refund or
// payment they document, with the seller, buyer, dates and amounts per rate as printed, so a later
// rate or name change never alters them. Also the reads behind the printable pages.
import type { Prisma } from '../generated/prisma/client.ts'
import type { PrismaClient } from '../db/client.ts'
import type { TenantDb } from '../db/tenancy.ts'
import { privilegedDb } from '../db/index.ts'
import { Conflict, Invalid, NotFound, msg } from '../lib/errors.ts'
import { requireSeller } from '../lib/seller.ts'
import {
  buyerName,
  creditNoteAmounts,
  creditNoteNumber,
  issueDate,
  receiptNumber,
  RECEIPT_PROVISO,
  taxByRate,
  totalsOf,
  type TaxRateSummary,
} from '../../shared/domain/invoices.ts'

type Tx = Prisma.TransactionClient
const json = (v: unknown) => v as Prisma.InputJsonValue
const date = (d: string) => new Date(d)
const ymd = (d: Date) => d.toISOString().slice(0, 10)

/** The invoice's subtotal and tax per rate as printed (older invoices: from their lines). */
async function invoiceBreakdown(
  tx: Tx,
  invoice: { tenantId: string; id: string; taxBreakdown: unknown },
): Promise<TaxRateSummary[]> {
  if (Array.isArray(invoice.taxBreakdown)) return invoice.taxBreakdown as TaxRateSummary[]
  const lines = await tx.invoiceLine.findMany({ where: { tenantId: invoice.tenantId, invoiceId: invoice.id } })
  return taxByRate(lines)
}

async function buyerOf(tx: Tx, tenantId: string, invoice: { buyerName: string | null }) {
  if (invoice.buyerName) return invoice.buyerName
  return buyerName(
    await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, operatingCompany: true } }),
  )
}

/**
 * Issues the credit note of a refund of `invoiceId`: the taxable amounts returned per rate (the
 * whole invoice when `returned` is omitted, never more than what earlier credit notes left), the
 * tax returned per rate floored once, its own number (CN-{invoice}-{nn}, unique per tenant) and
 * issue date, the original invoice's number and issue date. Call it in the refund's transaction.
 */
export async function issueCreditNote(
  tx: Tx,
  input: {
    tenantId: string
    invoiceId: string
    reason: string
    returned?: { rateBps: number; taxable: number }[]
    now?: Date
  },
) {
  const seller = requireSeller()
  const now = input.now ?? new Date()
  const invoice = await tx.invoice.findUnique({
    where: { tenantId_id: { tenantId: input.tenantId, id: input.invoiceId } },
  })
  if (!invoice) throw NotFound()
  const earlier = await tx.creditNote.findMany({ where: { tenantId: input.tenantId, invoiceId: invoice.id } })
  let amounts: TaxRateSummary[]
  try {
    amounts = creditNoteAmounts(
      await invoiceBreakdown(tx, invoice),
      earlier.flatMap((c) => c.taxBreakdown as unknown as TaxRateSummary[]),
      input.returned,
    )
  } catch {
    throw Invalid(
      msg(
        'credit_note_amount_over',
        `返還額が請求書 ${invoice.number} の残額を超えています。`,
        `The amount returned exceeds what is left of invoice ${invoice.number}.`,
      ),
    )
  }
  const totals = totalsOf(amounts)
  if (totals.total <= 0)
    throw Conflict(
      msg(
        'credit_note_nothing_left',
        `請求書 ${invoice.number} には返還できる金額が残っていません。`,
        `Nothing is left to return on invoice ${invoice.number}.`,
      ),
    )
  return tx.creditNote.create({
    data: {
      tenantId: input.tenantId,
      number: creditNoteNumber(invoice.number, earlier.length + 1),
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      invoiceIssueDate: invoice.issueDate ?? date(ymd(invoice.issuedAt)),
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      issueDate: date(issueDate(now)),
      issuedAt: now,
      reason: input.reason,
      ...totals,
      taxBreakdown: json(amounts),
      buyerName: await buyerOf(tx, input.tenantId, invoice),
      sellerName: seller.name,
      sellerRegistrationNumber: seller.registrationNumber,
      sellerAddress: seller.address,
    },
  })
}

/** Issues the receipt of a recorded payment (one per payment): R-{invoice}, the amount received. */
export async function issueReceipt(tx: Tx, tenantId: string, paymentId: string, now: Date = new Date()) {
  const seller = requireSeller()
  const payment = await tx.payment.findUniqueOrThrow({
    where: { tenantId_id: { tenantId, id: paymentId } },
    include: { invoice: true },
  })
  const invoice = payment.invoice
  // The amount received, per rate: the invoice's breakdown when the payment settles it in full.
  const breakdown = await invoiceBreakdown(tx, invoice)
  const received = totalsOf(breakdown).total === payment.amount ? breakdown : []
  return tx.receipt.create({
    data: {
      tenantId,
      number: receiptNumber(invoice.number),
      invoiceId: invoice.id,
      paymentId,
      invoiceNumber: invoice.number,
      paidOn: date(issueDate(payment.paidAt)),
      issueDate: date(issueDate(now)),
      issuedAt: now,
      amount: payment.amount,
      currency: payment.currency,
      proviso: RECEIPT_PROVISO.ja,
      taxBreakdown: json(received),
      buyerName: await buyerOf(tx, tenantId, invoice),
      sellerName: seller.name,
      sellerRegistrationNumber: seller.registrationNumber,
      sellerAddress: seller.address,
    },
  })
}

// The reads take the hotel's tenant client (scoped by the extension and RLS) or, for HQ, the
// privileged client with the tenant named; both have the same delegates for these models.
type Reader = TenantDb | PrismaClient
const reader = (db: Reader) => db as unknown as Pick<Tx, 'invoice' | 'creditNote' | 'receipt'>

/** One invoice as printed, with its lines and the documents that follow it. */
export async function invoiceDocument(db: Reader, id: string, tenantId?: string) {
  const invoice = await reader(db).invoice.findFirst({
    where: { id, ...(tenantId ? { tenantId } : {}) },
    include: {
      lines: { orderBy: { sortOrder: 'asc' } },
      creditNotes: { select: { id: true, number: true } },
      receipts: { select: { id: true, number: true } },
    },
  })
  if (!invoice) throw NotFound(msg('invoice_not_found', 'この請求書は存在しません。', 'This invoice does not exist.'))
  return { ...invoice, taxBreakdown: (invoice.taxBreakdown as TaxRateSummary[] | null) ?? taxByRate(invoice.lines) }
}

export async function creditNoteDocument(db: Reader, id: string, tenantId?: string) {
  const note = await reader(db).creditNote.findFirst({ where: { id, ...(tenantId ? { tenantId } : {}) } })
  if (!note)
    throw NotFound(msg('credit_note_not_found', 'この返還請求書は存在しません。', 'This credit note does not exist.'))
  return { ...note, taxBreakdown: note.taxBreakdown as unknown as TaxRateSummary[] }
}

export async function receiptDocument(db: Reader, id: string, tenantId?: string) {
  const receipt = await reader(db).receipt.findFirst({ where: { id, ...(tenantId ? { tenantId } : {}) } })
  if (!receipt) throw NotFound(msg('receipt_not_found', 'この領収書は存在しません。', 'This receipt does not exist.'))
  return { ...receipt, taxBreakdown: receipt.taxBreakdown as unknown as TaxRateSummary[] }
}

// ---------------------------------------------------------------- lists

/** The hotel's invoices with their lines, latest period first. */
export async function hotelInvoices(db: TenantDb) {
  return db.invoice.findMany({
    orderBy: { periodStart: 'desc' },
    include: { lines: { orderBy: { sortOrder: 'asc' } } },
  })
}

/** The hotel's credit notes (適格返還請求書), newest first. */
export async function hotelCreditNotes(db: TenantDb) {
  return db.creditNote.findMany({ orderBy: { issuedAt: 'desc' } })
}

/** The hotel's receipts (領収書), newest first. */
export async function hotelReceipts(db: TenantDb) {
  return db.receipt.findMany({ orderBy: { issuedAt: 'desc' } })
}

const withHotel = { tenant: { select: { slug: true, name: true } } } as const

/** The latest 200 credit notes across hotels (HQ). */
export async function creditNotesAcrossHotels() {
  return privilegedDb().creditNote.findMany({ orderBy: { issuedAt: 'desc' }, take: 200, include: withHotel })
}

/** The latest 200 receipts across hotels (HQ). */
export async function receiptsAcrossHotels() {
  return privilegedDb().receipt.findMany({ orderBy: { issuedAt: 'desc' }, take: 200, include: withHotel })
}
