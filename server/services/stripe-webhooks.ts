// Stripe webhook events, each processed exactly once: the stripe_events row (primary key = event
// id) is written in the same transaction as the changes, so a replay or a concurrent duplicate
// changes nothing, and a failure leaves nothing behind for Stripe's retry to trip over.
import type Stripe from 'stripe'
import type { Prisma } from '../generated/prisma/client.ts'
import type { PrismaClient } from '../db/client.ts'
import { recordPayment } from './billing.ts'
import { cancelReferralsOf } from './referrals.ts'

type Tx = Prisma.TransactionClient

function isDuplicateEvent(error: unknown): boolean {
  const e = error as { code?: string; meta?: { modelName?: string; target?: unknown } }
  return e?.code === 'P2002' && (e.meta?.modelName === 'StripeEvent' || JSON.stringify(e.meta?.target ?? '').includes('stripe_events'))
}

async function tenantOf(tx: Tx, object: { customer?: string | { id: string } | null; metadata?: Record<string, string> | null }) {
  const customer = typeof object.customer === 'string' ? object.customer : object.customer?.id
  const byCustomer = customer ? await tx.tenant.findUnique({ where: { stripeCustomerId: customer } }) : null
  if (byCustomer) return byCustomer
  const id = object.metadata?.tenantId
  return id ? tx.tenant.findUnique({ where: { id } }) : null
}

/** Our invoice for a Stripe invoice: the one linked to it, else the tenant's oldest open one. */
async function ourInvoice(tx: Tx, tenantId: string, stripeInvoiceId: string) {
  return (await tx.invoice.findFirst({ where: { tenantId, stripeInvoiceId } }))
    ?? tx.invoice.findFirst({ where: { tenantId, status: 'open' }, orderBy: { periodStart: 'asc' } })
}

async function notifyOwners(tx: Tx, tenantId: string, kind: string, subject: string, body: string, data: Prisma.InputJsonValue) {
  const owners = await tx.tenantMembership.findMany({ where: { tenantId, role: 'owner' } })
  await tx.notification.createMany({ data: owners.map((o) => ({ userId: o.userId, tenantId, kind, subject, body, data })) })
}

async function handle(tx: Tx, event: Stripe.Event): Promise<string> {
  switch (event.type) {
    case 'invoice.paid': {
      const inv = event.data.object
      const tenant = await tenantOf(tx, inv)
      if (!tenant) return 'unknown_customer'
      const invoice = await ourInvoice(tx, tenant.id, inv.id!)
      if (!invoice) return 'no_open_invoice'
      if (invoice.status === 'paid') return 'already_paid'
      await tx.invoice.update({ where: { tenantId_id: { tenantId: tenant.id, id: invoice.id } }, data: { stripeInvoiceId: inv.id } })
      const paidAt = new Date(((inv.status_transitions?.paid_at ?? event.created) as number) * 1000)
      await recordPayment(tx, tenant.id, invoice.id, { method: 'stripe', externalId: inv.id, paidAt })
      return 'paid'
    }
    case 'invoice.payment_failed': {
      const inv = event.data.object
      const tenant = await tenantOf(tx, inv)
      if (!tenant) return 'unknown_customer'
      const invoice = await ourInvoice(tx, tenant.id, inv.id!)
      // Out of order: a failure reported after the invoice was paid changes nothing.
      if (!invoice || invoice.status === 'paid') return 'ignored_already_paid'
      await tx.invoice.update({ where: { tenantId_id: { tenantId: tenant.id, id: invoice.id } }, data: { stripeInvoiceId: inv.id } })
      if (tenant.status === 'active') await tx.tenant.update({ where: { id: tenant.id }, data: { status: 'past_due' } })
      await notifyOwners(tx, tenant.id, 'payment_failed', `お支払いが確認できませんでした（請求書 ${invoice.number}）`, 'ご登録のお支払い方法で決済できませんでした。プランと請求の画面からお支払い方法をご確認ください。', { invoiceNumber: invoice.number, stripeInvoiceId: inv.id ?? null })
      await tx.auditLog.create({ data: { actorType: 'system', actorId: 'stripe', tenantId: tenant.id, action: 'payment_failed', entity: 'invoice', entityId: invoice.id, after: { stripeInvoiceId: inv.id ?? null, tenantStatus: 'past_due' } } })
      return 'past_due'
    }
    case 'customer.subscription.deleted': {
      const sub = event.data.object
      const tenant = await tenantOf(tx, sub)
      if (!tenant) return 'unknown_customer'
      if (tenant.status === 'cancelled') return 'already_cancelled'
      await tx.tenant.update({ where: { id: tenant.id }, data: { status: 'cancelled' } })
      await cancelReferralsOf(tx, tenant.id, new Date(event.created * 1000))
      await notifyOwners(tx, tenant.id, 'subscription_cancelled', 'ご契約が終了しました', 'OmotenasuAI のご契約が解約されました。ご利用ありがとうございました。', { stripeSubscriptionId: sub.id })
      await tx.auditLog.create({ data: { actorType: 'system', actorId: 'stripe', tenantId: tenant.id, action: 'cancel', entity: 'tenant', entityId: tenant.id, before: { status: tenant.status }, after: { status: 'cancelled' } } })
      return 'cancelled'
    }
    default:
      return 'ignored'
  }
}

export async function processStripeEvent(db: PrismaClient, event: Stripe.Event): Promise<{ duplicate: boolean; outcome: string }> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.stripeEvent.create({ data: { id: event.id, type: event.type, createdAt: new Date(event.created * 1000), outcome: 'processing' } })
      const outcome = await handle(tx, event)
      await tx.stripeEvent.update({ where: { id: event.id }, data: { outcome } })
      return { duplicate: false, outcome }
    })
  } catch (error) {
    if (isDuplicateEvent(error)) return { duplicate: true, outcome: 'duplicate' }
    throw error
  }
}
