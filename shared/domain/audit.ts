// Reading the audit log: what changed between an entry's before and after, field by field.

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

/** Fields every row touches on every write: noise in a diff. */
const NOISE = new Set(['updatedAt'])

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The changed fields only, in the order they first appear: an update shows what differs, a create
 * every field it set, a delete every field it removed. A value that is not an object (a number,
 * a list) is one change named "value".
 */
export function auditDiff(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return []
  if (!isRecord(before ?? {}) || !isRecord(after ?? {}))
    return same(before, after) ? [] : [{ field: 'value', before: before ?? null, after: after ?? null }]
  const b = (before ?? {}) as Record<string, unknown>
  const a = (after ?? {}) as Record<string, unknown>
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !NOISE.has(f))
  return fields
    .filter((f) => !same(b[f], a[f]))
    .map((f) => ({ field: f, before: f in b ? b[f] : null, after: f in a ? a[f] : null }))
}

/** The code a sentence is looked up by: `room.create`, `payout.approve`. */
export const auditActionCode = (entity: string, action: string) => `${entity}.${action}`

/** Every action code the server writes (tests/unit/audit-actions.test.ts reads them from the source). */
export const AUDIT_ACTIONS: readonly string[] = [
  'acquisition_spend.create',
  'acquisition_spend.update',
  'agent.create',
  'agent.update',
  'agent_rank.update',
  'agent_rank_setting.update',
  'api_key.create',
  'api_key.revoke',
  'business_setting.create',
  'business_setting.update',
  'concierge_api_key.create',
  'concierge_api_key.revoke',
  'concierge_usage.upload',
  'hq_task.assign',
  'hq_task.close',
  'hq_task.comment',
  'hq_task.create',
  'invitation.accept',
  'invitation.create',
  'invitation.revoke',
  'invoice.create',
  'invoice.payment_failed',
  'invoice.refund',
  'invoice.update',
  'job.run',
  'kpi_target.create',
  'kpi_target.update',
  'password.update',
  'password_reset.request',
  'payee_bank_account.update',
  'payment.update',
  'payout.approve',
  'payout.create',
  'payout.export',
  'payout.return',
  'payout.transfer',
  'payout_batch.create',
  'pms_integration.connect',
  'pms_integration.disconnect',
  'pms_vendor.create',
  'pms_vendor.update',
  'queue_job.retry',
  'referral.create',
  'refund_request.approve',
  'refund_request.create',
  'refund_request.refund',
  'refund_request.reject',
  'roi_compensation.approve',
  'roi_compensation.open',
  'roi_compensation.reject',
  'roi_settings.update',
  'room.create',
  'room.delete',
  'room.update',
  'sales_material.create',
  'subscription.update',
  'subscription_plan.update',
  'tenant.cancel',
  'tenant.create',
  'tenant.loyalty_benefit',
  'tenant.roi_first_measurement',
  'tenant.update',
  'tenant_membership.delete',
  'tenant_membership.update',
  'tenant_settings.update',
  'user_session.revoke',
  'zengin_file.create',
]
