// Every operation of /api/v1 (and the webhooks), for the OpenAPI document: method, path, who may
// call it, what it does, and the zod schemas its route validates with. tests/unit/openapi.test.ts
// checks this list against the route files, so a new route without an entry fails the suite.
import type { ZodType } from 'zod'
import {
  acceptInviteInput,
  invitationTokenInput,
  passwordChangeInput,
  passwordResetInput,
  passwordResetRequestInput,
  signInInput,
} from '../../shared/schemas/auth.ts'
import { refundInput, subscriptionChangeInput } from '../../shared/schemas/billing.ts'
import { businessSettingInput } from '../../shared/schemas/business-rules.ts'
import {
  agentInput,
  agentUpdateInput,
  agentUserInviteInput,
  apiKeyInput,
  planUpdateInput,
  pmsVendorInput,
  pmsVendorUpdateInput,
  rankOverrideInput,
  rankSettingInput,
  tenantStatusInput,
} from '../../shared/schemas/hq.ts'
import { memberInviteInput, memberRoleInput } from '../../shared/schemas/members.ts'
import {
  bankAccountInput,
  invoiceRegistrationInput,
  payoutApproveInput,
  payoutBatchInput,
  payoutReturnedInput,
} from '../../shared/schemas/payouts.ts'
import { pmsCredentialsInput, pmsReservationPushInput, pmsRoomPushInput } from '../../shared/schemas/pms.ts'
import {
  auditLogQuery,
  invoiceListQuery,
  outboxQuery,
  payoutExportQuery,
  payoutListQuery,
  referralCheckQuery,
  zenginFileListQuery,
  zenginQuery,
} from '../../shared/schemas/queries.ts'
import { customerInvitationInput, issueReferralInput } from '../../shared/schemas/referrals.ts'
import {
  refundApprovalInput,
  refundRejectionInput,
  refundRequestInput,
  refundRequestListQuery,
} from '../../shared/schemas/refunds.ts'
import { roomInput, roomUpdate } from '../../shared/schemas/rooms.ts'
import { tenantSettingsInput } from '../../shared/schemas/settings.ts'
import { signupInput } from '../../shared/schemas/signup.ts'

export type ApiSecurity = 'none' | 'any' | 'hotel' | 'agent' | 'hq' | 'apiKey' | 'webhook'
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
  tag: string
  security: ApiSecurity
  summary: string
  body?: ZodType
  /** One body schema per value of the {vendor} path parameter. */
  bodyByVendor?: Readonly<Record<string, ZodType>>
  query?: ZodType
  /** A multipart upload (file plus fields) instead of JSON. */
  multipart?: boolean
  produces?: string
  /** Answers 201 Created. */
  created?: boolean
  /** Answers 202 Accepted (work continues in the background). */
  accepted?: boolean
}

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/agent/bank-account',
    tag: 'Agent portal',
    security: 'agent',
    summary: "where the agent's payouts go, and its registration number",
  },
  {
    method: 'put',
    path: '/api/v1/agent/bank-account',
    tag: 'Agent portal',
    security: 'agent',
    summary: 'set the payout account (validated against zengin-code; audited)',
    body: bankAccountInput,
  },
  {
    method: 'get',
    path: '/api/v1/agent/commissions',
    tag: 'Agent portal',
    security: 'agent',
    summary: "the agent's commission ledger",
  },
  {
    method: 'get',
    path: '/api/v1/agent/dashboard',
    tag: 'Agent portal',
    security: 'agent',
    summary: "this month's sales, contracts, commission, and progress to the next rank",
  },
  {
    method: 'put',
    path: '/api/v1/agent/invoice-registration',
    tag: 'Agent portal',
    security: 'agent',
    summary: "the agent's qualified-invoice registration number (audited)",
    body: invoiceRegistrationInput,
  },
  {
    method: 'get',
    path: '/api/v1/agent/materials/{id}',
    tag: 'Agent portal',
    security: 'agent',
    summary: "download a material (refused above the agent's rank)",
  },
  {
    method: 'get',
    path: '/api/v1/agent/materials',
    tag: 'Agent portal',
    security: 'agent',
    summary: "the sales materials of the agent's rank and below",
  },
  {
    method: 'get',
    path: '/api/v1/agent/me',
    tag: 'Agent portal',
    security: 'agent',
    summary: "the signed-in agent's profile, rank and its terms",
  },
  {
    method: 'get',
    path: '/api/v1/agent/payouts/{id}',
    tag: 'Agent portal',
    security: 'agent',
    summary: 'one payment statement (支払通知書) with its commission lines',
  },
  {
    method: 'get',
    path: '/api/v1/agent/sales',
    tag: 'Agent portal',
    security: 'agent',
    summary:
      "the agent's contracts (one per referred hotel that paid) with the commissions each has yielded: pending, paid, cancelled, months recorded",
  },
  {
    method: 'get',
    path: '/api/v1/agent/payouts',
    tag: 'Agent portal',
    security: 'agent',
    summary: "the agent's payout statements (支払通知書)",
  },
  {
    method: 'get',
    path: '/api/v1/agent/referrals',
    tag: 'Agent portal',
    security: 'agent',
    summary: "the agent's referrals with status and earnings",
  },
  {
    method: 'post',
    path: '/api/v1/agent/referrals',
    created: true,
    tag: 'Agent portal',
    security: 'agent',
    summary: 'issue a referral code and tracking URL for the signed-in agent',
    body: issueReferralInput,
  },
  {
    method: 'post',
    path: '/api/v1/auth/accept-invite',
    tag: 'Sign-in',
    security: 'none',
    summary:
      "accept an invitation on its host (a hotel's on the hotel's host, an agent's on the root domain): signed in as the invited address, with that account's own password, or, for a new address, with a password that creates the account; starts a session",
    body: acceptInviteInput,
  },
  {
    method: 'post',
    path: '/api/v1/auth/invitation',
    tag: 'Sign-in',
    security: 'none',
    summary:
      "what an invitation link is for: the hotel or agent, the role, the address, and whether it needs a new password or the existing account's",
    body: invitationTokenInput,
  },
  {
    method: 'post',
    path: '/api/v1/auth/password',
    tag: 'Sign-in',
    security: 'any',
    summary:
      "change the signed-in person's password (the current one required); their other sessions end and a notice is mailed",
    body: passwordChangeInput,
  },
  {
    method: 'post',
    path: '/api/v1/auth/password-reset',
    accepted: true,
    tag: 'Sign-in',
    security: 'none',
    summary:
      'mail a 1-hour reset link to the address if it has an account; the same answer either way; limited per address (429) and per account',
    body: passwordResetRequestInput,
  },
  {
    method: 'post',
    path: '/api/v1/auth/password-reset/confirm',
    tag: 'Sign-in',
    security: 'none',
    summary: 'set a new password from a reset link (single use); every session of the person ends',
    body: passwordResetInput,
  },
  {
    method: 'post',
    path: '/api/v1/auth/sign-out-everywhere',
    tag: 'Sign-in',
    security: 'any',
    summary: 'end every session of the signed-in person, on every host (audited)',
  },
  {
    method: 'get',
    path: '/api/v1/auth/me',
    tag: 'Sign-in',
    security: 'any',
    summary: 'who is signed in here and what they may open on this host',
  },
  {
    method: 'post',
    path: '/api/v1/auth/sign-in',
    tag: 'Sign-in',
    security: 'none',
    summary: 'email + password for one portal: hotel (on its host), agent or HQ',
    body: signInInput,
  },
  {
    method: 'post',
    path: '/api/v1/auth/sign-out',
    tag: 'Sign-in',
    security: 'any',
    summary: 'ends this session: its row is revoked, so a copy of the cookie is refused too',
  },
  {
    method: 'patch',
    path: '/api/v1/hq/agents/{id}',
    tag: 'HQ',
    security: 'hq',
    summary: 'edit, suspend, or give a territory to an agent (HQ; audited)',
    body: agentUpdateInput,
  },
  {
    method: 'post',
    path: '/api/v1/hq/agents/{id}/rank',
    tag: 'HQ',
    security: 'hq',
    summary: "override an agent's rank, with a reason (HQ; audited)",
    body: rankOverrideInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/agents/{id}/users',
    tag: 'HQ',
    security: 'hq',
    summary: "who can sign in to the agent's portal, and its open invitations (HQ)",
  },
  {
    method: 'post',
    path: '/api/v1/hq/agents/{id}/users',
    created: true,
    tag: 'HQ',
    security: 'hq',
    summary: "invite a person to the agent's portal by email (HQ; audited); the link is mailed to that address only",
    body: agentUserInviteInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/agents',
    tag: 'HQ',
    security: 'hq',
    summary: 'agents with rank, territory, users and latest rank changes (HQ)',
  },
  {
    method: 'post',
    path: '/api/v1/hq/agents',
    created: true,
    tag: 'HQ',
    security: 'hq',
    summary: 'register an agent (bronze) (HQ; audited)',
    body: agentInput,
  },
  {
    method: 'delete',
    path: '/api/v1/hq/api-keys/{id}',
    tag: 'HQ',
    security: 'hq',
    summary: 'revoke a PMS vendor key (HQ; audited)',
  },
  {
    method: 'get',
    path: '/api/v1/hq/business-rules',
    tag: 'HQ',
    security: 'hq',
    summary:
      'every business number (cycle discounts, referral rates and months, own discount, cap, PMS default rate, payout minimum, tax rate) in percent, yen or months: value today, scheduled changes, history (HQ)',
  },
  {
    method: 'post',
    path: '/api/v1/hq/business-rules',
    created: true,
    tag: 'HQ',
    security: 'hq',
    summary:
      'schedule a business number from a date, tomorrow (Asia/Tokyo) at the earliest; rates in percent. Issued invoices, recorded commissions and payouts keep theirs (HQ; audited)',
    body: businessSettingInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/audit-logs',
    tag: 'HQ',
    security: 'hq',
    summary: 'the latest audit entries (HQ)',
    query: auditLogQuery,
  },
  {
    method: 'post',
    path: '/api/v1/hq/invoices/{tenantId}/{id}/pay',
    tag: 'HQ',
    security: 'hq',
    summary: 'record a payment received outside Stripe (HQ; audited)',
  },
  {
    method: 'post',
    path: '/api/v1/hq/invoices/{tenantId}/{id}/refund',
    tag: 'HQ',
    security: 'hq',
    summary:
      'record a full refund of a paid invoice; when Stripe took the payment the refund is sent to Stripe (idempotency key per invoice) and a Stripe failure changes nothing (502) (HQ; audited)',
    body: refundInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/refund-requests',
    tag: 'HQ',
    security: 'hq',
    summary:
      "the refund queue (filter by status), each request with the hotel's history: payments, earlier requests, PMS (HQ)",
    query: refundRequestListQuery,
  },
  {
    method: 'post',
    path: '/api/v1/hq/refund-requests/{id}/approve',
    tag: 'HQ',
    security: 'hq',
    summary:
      'approve a refund request and pay it back: through Stripe (idempotency key per request and invoice) or the ' +
      'bank transfer HQ made; credit notes, commissions cancelled or clawed back, a full refund cancels the hotel ' +
      'at the end of its paid period; safe to retry (HQ; audited)',
    body: refundApprovalInput,
  },
  {
    method: 'post',
    path: '/api/v1/hq/refund-requests/{id}/reject',
    tag: 'HQ',
    security: 'hq',
    summary: 'reject a pending refund request with the reason the hotel reads (HQ; audited)',
    body: refundRejectionInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/invoices',
    tag: 'HQ',
    security: 'hq',
    summary: 'invoices across hotels (HQ)',
    query: invoiceListQuery,
  },
  {
    method: 'get',
    path: '/api/v1/hq/invoices/{tenantId}/{id}',
    tag: 'HQ',
    security: 'hq',
    summary:
      "any hotel's qualified invoice (適格請求書) as issued: seller and registration number, buyer, issue date, lines, subtotal and tax per rate, for printing (HQ)",
  },
  {
    method: 'get',
    path: '/api/v1/hq/credit-notes',
    tag: 'HQ',
    security: 'hq',
    summary: 'credit notes (適格返還請求書) across hotels, newest first (HQ)',
  },
  {
    method: 'get',
    path: '/api/v1/hq/credit-notes/{tenantId}/{id}',
    tag: 'HQ',
    security: 'hq',
    summary: "any hotel's credit note as issued, for printing (HQ)",
  },
  {
    method: 'get',
    path: '/api/v1/hq/receipts',
    tag: 'HQ',
    security: 'hq',
    summary: 'receipts (領収書) across hotels, newest first (HQ)',
  },
  {
    method: 'get',
    path: '/api/v1/hq/receipts/{tenantId}/{id}',
    tag: 'HQ',
    security: 'hq',
    summary: "any hotel's receipt as issued, for printing (HQ)",
  },
  {
    method: 'get',
    path: '/api/v1/hq/seller',
    tag: 'HQ',
    security: 'hq',
    summary:
      'the seller printed on invoices (SELLER_NAME, SELLER_REGISTRATION_NUMBER, SELLER_ADDRESS) and, when it cannot issue, why (HQ)',
  },
  { method: 'get', path: '/api/v1/hq/job-runs', tag: 'HQ', security: 'hq', summary: 'the latest scheduled job runs' },
  {
    method: 'post',
    path: '/api/v1/hq/jobs/{job}/run',
    tag: 'HQ',
    security: 'hq',
    summary:
      'run a scheduled job now, outside its schedule (HQ; audited). The work is the same and as idempotent as the scheduled run; the run is recorded under its own period key so it never blocks the scheduled one.',
  },
  { method: 'get', path: '/api/v1/hq/materials', tag: 'HQ', security: 'hq', summary: 'every sales material (HQ)' },
  {
    method: 'post',
    path: '/api/v1/hq/materials',
    created: true,
    tag: 'HQ',
    security: 'hq',
    summary: 'upload a sales material (multipart: title, description, minRank, file) (HQ; audited)',
    multipart: true,
  },
  {
    method: 'get',
    path: '/api/v1/hq/outbox',
    tag: 'HQ',
    security: 'hq',
    summary:
      'the mail outbox, newest first, filtered by recipient: recipient, subject, template, language, created and sent times, status (pending, sent by SMTP, outbox only, failed) and the body (blanked once SMTP accepted it) (HQ)',
    query: outboxQuery,
  },
  {
    method: 'post',
    path: '/api/v1/hq/payouts/{id}/paid',
    tag: 'HQ',
    security: 'hq',
    summary: 'earlier name of /transferred, kept for existing clients (HQ; audited)',
  },
  {
    method: 'get',
    path: '/api/v1/hq/payouts/{id}',
    tag: 'HQ',
    security: 'hq',
    summary:
      "the payment statement (支払通知書) of any payee's payout — agent, referring hotel or PMS vendor — with its lines, clawbacks and registration number (HQ)",
  },
  {
    method: 'post',
    path: '/api/v1/hq/payouts/{id}/approve',
    tag: 'HQ',
    security: 'hq',
    summary: 'approve one draft payout; its amounts are fixed from now on (HQ; audited)',
  },
  {
    method: 'post',
    path: '/api/v1/hq/payouts/{id}/transferred',
    tag: 'HQ',
    security: 'hq',
    summary: 'the bank transferred an exported payout; its commissions become paid (HQ; audited)',
  },
  {
    method: 'post',
    path: '/api/v1/hq/payouts/{id}/returned',
    tag: 'HQ',
    security: 'hq',
    summary:
      'the bank returned the transfer, with the reason; its commissions and clawbacks are payable again on the next batch (HQ; audited)',
    body: payoutReturnedInput,
  },
  {
    method: 'post',
    path: '/api/v1/hq/payouts/approve',
    tag: 'HQ',
    security: 'hq',
    summary: 'approve every draft payout of a month that has a bank account; those without one are named (HQ; audited)',
    body: payoutApproveInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/payouts/balances',
    tag: 'HQ',
    security: 'hq',
    summary:
      'every payee with something outstanding: payable, held, clawbacks, balance (negative when clawbacks exceed earnings) and payouts in flight (HQ)',
  },
  {
    method: 'get',
    path: '/api/v1/hq/payouts/defaults',
    tag: 'HQ',
    security: 'hq',
    summary: 'today, the month to pay out and the earliest transfer date (Asia/Tokyo, bank business days) (HQ)',
  },
  {
    method: 'get',
    path: '/api/v1/hq/payouts/zengin-files',
    tag: 'HQ',
    security: 'hq',
    summary: 'the stored Zengin files, newest first, without their bytes (HQ)',
    query: zenginFileListQuery,
  },
  {
    method: 'get',
    path: '/api/v1/hq/payouts/zengin-files/{id}',
    tag: 'HQ',
    security: 'hq',
    summary: 'a stored Zengin file, byte for byte as first downloaded (HQ)',
    produces: 'text/plain; charset=Shift_JIS',
  },
  {
    method: 'get',
    path: '/api/v1/hq/payouts/export.csv',
    tag: 'HQ',
    security: 'hq',
    summary: "the month's payouts as CSV (UTF-8 with BOM for Excel)",
    query: payoutExportQuery,
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/v1/hq/payouts',
    tag: 'HQ',
    security: 'hq',
    summary: 'payouts, newest first (HQ)',
    query: payoutListQuery,
  },
  {
    method: 'post',
    path: '/api/v1/hq/payouts',
    tag: 'HQ',
    security: 'hq',
    summary:
      'create the draft payouts of a closed month (HQ; audited; rerun adds nothing; `nothing` says why when none were created)',
    body: payoutBatchInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/payouts/zengin',
    tag: 'HQ',
    security: 'hq',
    summary:
      "the Zengin (全銀 総合振込) file of the month's approved payouts, which become exported: Shift_JIS, 120-byte records, CRLF; stored at the first download, the same bytes on every later one (HQ; audited)",
    query: zenginQuery,
    produces: 'text/plain; charset=Shift_JIS',
  },
  {
    method: 'patch',
    path: '/api/v1/hq/plans/{id}',
    tag: 'HQ',
    security: 'hq',
    summary:
      'edit a plan (HQ; audited). A new price applies to invoices issued from now on; issued invoices keep their amounts.',
    body: planUpdateInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/plans',
    tag: 'HQ',
    security: 'hq',
    summary: 'the whole plan catalogue, inactive plans included (HQ)',
  },
  {
    method: 'patch',
    path: '/api/v1/hq/pms-vendors/{id}',
    tag: 'HQ',
    security: 'hq',
    summary:
      'contact, API endpoint, commission rate, partnership level, active (HQ; audited with before and after). A new rate applies to commissions computed from then on.',
    body: pmsVendorUpdateInput,
  },
  {
    method: 'post',
    path: '/api/v1/hq/pms-vendors/{id}/api-keys',
    created: true,
    tag: 'HQ',
    security: 'hq',
    summary: 'issue a key; the response is the only time it is shown',
    body: apiKeyInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/pms-vendors',
    tag: 'HQ',
    security: 'hq',
    summary:
      "PMS vendors with their API keys (never the keys themselves) and their hotels' connections: how many, and how many are failing",
  },
  {
    method: 'post',
    path: '/api/v1/hq/pms-vendors',
    created: true,
    tag: 'HQ',
    security: 'hq',
    summary:
      'register a PMS vendor partner (HQ; audited). Hotels can connect only to vendors with a connector (cloudbeds, mews, opera); any vendor can co-sell with referrals.',
    body: pmsVendorInput,
  },
  {
    method: 'patch',
    path: '/api/v1/hq/rank-settings/{rank}',
    tag: 'HQ',
    security: 'hq',
    summary: "edit a rank's margins, requirement or benefits (HQ; audited)",
    body: rankSettingInput,
  },
  {
    method: 'get',
    path: '/api/v1/hq/rank-settings',
    tag: 'HQ',
    security: 'hq',
    summary: 'margins, requirements and benefits of every rank (HQ)',
  },
  {
    method: 'patch',
    path: '/api/v1/hq/tenants/{id}',
    tag: 'HQ',
    security: 'hq',
    summary: 'suspend or reactivate a hotel (HQ; audited)',
    body: tenantStatusInput,
  },
  {
    method: 'post',
    path: '/api/v1/hq/tenants/{id}/stripe-sync',
    tag: 'HQ',
    security: 'hq',
    summary: "create the hotel's Stripe customer and subscription if they are missing (idempotent; HQ; audited)",
  },
  {
    method: 'get',
    path: '/api/v1/hq/tenants',
    tag: 'HQ',
    security: 'hq',
    summary: 'every hotel with its plan and room count (HQ, across tenants)',
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'Public',
    security: 'none',
    summary: 'The OpenAPI 3.1 document of this API (public; the reference page is /docs/api)',
  },
  {
    method: 'get',
    path: '/api/v1/plans',
    tag: 'Public',
    security: 'none',
    summary: 'the active plan catalogue (public: signup and pricing)',
  },
  {
    method: 'get',
    path: '/api/v1/pms/commissions',
    tag: 'PMS vendor API',
    security: 'apiKey',
    summary: "the vendor's co-selling commission ledger and partnership level (API key)",
  },
  {
    method: 'put',
    path: '/api/v1/pms/hotels/{hotel}/reservations',
    tag: 'PMS vendor API',
    security: 'apiKey',
    summary:
      'a vendor pushes reservations (with cancellations) for a hotel that connected it (API key; any other hotel is 404). Upserts; safe to replay.',
    body: pmsReservationPushInput,
  },
  {
    method: 'put',
    path: '/api/v1/pms/hotels/{hotel}/rooms',
    tag: 'PMS vendor API',
    security: 'apiKey',
    summary:
      'a vendor pushes room status for a hotel that connected it (API key; any other hotel is 404). Upserts on (hotel, vendor, external id); safe to replay.',
    body: pmsRoomPushInput,
  },
  {
    method: 'get',
    path: '/api/v1/pms/hotels',
    tag: 'PMS vendor API',
    security: 'apiKey',
    summary: "the calling vendor's connected hotels and each connection's health (API key)",
  },
  {
    method: 'delete',
    path: '/api/v1/pms/integration/{vendor}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary:
      'disconnect: the credentials and mirrored guests are removed, the rooms stay (hotel host; owner or manager; audited)',
  },
  {
    method: 'post',
    path: '/api/v1/pms/integration/{vendor}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary:
      'connect this hotel to its PMS (hotel host; owner or manager; plan feature pms_integration). The credentials are checked with the vendor, sealed (AES-256-GCM) and never returned; the first full sync runs before the answer. Audited without the credentials.',
    bodyByVendor: pmsCredentialsInput,
  },
  {
    method: 'put',
    path: '/api/v1/pms/invoice-registration',
    tag: 'PMS vendor API',
    security: 'apiKey',
    summary:
      "the calling vendor's qualified-invoice registration number (T + 13 digits, check digit verified), printed on its payout statements (audited)",
    body: invoiceRegistrationInput,
  },
  {
    method: 'get',
    path: '/api/v1/pms/me',
    tag: 'PMS vendor API',
    security: 'apiKey',
    summary: 'the calling PMS vendor (API key), its partnership level and commission rate',
  },
  {
    method: 'get',
    path: '/api/v1/pms/referrals',
    tag: 'PMS vendor API',
    security: 'apiKey',
    summary: "the vendor's referrals with status and earnings (API key)",
  },
  {
    method: 'post',
    path: '/api/v1/pms/referrals',
    created: true,
    tag: 'PMS vendor API',
    security: 'apiKey',
    summary: 'a PMS vendor issues a referral code (API key; audited)',
    body: issueReferralInput,
  },
  {
    method: 'get',
    path: '/api/v1/referrals/check',
    tag: 'Public',
    security: 'none',
    summary: 'whether a referral code can be used at signup (root domain)',
    query: referralCheckQuery,
  },
  {
    method: 'post',
    path: '/api/v1/signup',
    created: true,
    tag: 'Public',
    security: 'none',
    summary: 'create a hotel, its owner and subscription; returns where to continue, signed in',
    body: signupInput,
  },
  {
    method: 'get',
    path: '/api/v1/tenant/analytics',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'room occupancy by status (plan feature: analytics)',
  },
  {
    method: 'get',
    path: '/api/v1/tenant/entitlements',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "what the hotel's plan includes: features, room limit and use",
  },
  {
    method: 'get',
    path: '/api/v1/tenant',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "the signed-in hotel's summary for its dashboard",
  },
  {
    method: 'get',
    path: '/api/v1/tenant/invoices/{id}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary:
      'one qualified invoice (適格請求書) as issued: seller and registration number, buyer, issue date, lines, subtotal and tax per rate, for printing (manager or owner)',
  },
  {
    method: 'post',
    path: '/api/v1/customer/refund-request',
    tag: 'Hotel admin',
    security: 'hotel',
    summary:
      "request a full refund (inside the plan's guarantee period, else 400 guarantee_expired with the date it " +
      'ended) or an ROI compensation; one open request per hotel (409); a small first full refund is ' +
      'approved at once (owner; audited)',
    body: refundRequestInput,
  },
  {
    method: 'get',
    path: '/api/v1/customer/refund-request',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "the hotel's guarantee and its current and past refund requests with their steps (owner)",
  },
  {
    method: 'get',
    path: '/api/v1/tenant/credit-notes',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "the hotel's credit notes (適格返還請求書), one per refund (manager or owner)",
  },
  {
    method: 'get',
    path: '/api/v1/tenant/credit-notes/{id}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'one credit note as issued, for printing (manager or owner)',
  },
  {
    method: 'get',
    path: '/api/v1/tenant/receipts',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "the hotel's receipts (領収書), one per payment (manager or owner)",
  },
  {
    method: 'get',
    path: '/api/v1/tenant/receipts/{id}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'one receipt as issued, for printing (manager or owner)',
  },
  {
    method: 'get',
    path: '/api/v1/tenant/invoices',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "the hotel's invoices with their lines (manager or owner)",
  },
  {
    method: 'delete',
    path: '/api/v1/tenant/members/{userId}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'remove someone from the hotel (audited)',
  },
  {
    method: 'patch',
    path: '/api/v1/tenant/members/{userId}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "change a member's role (audited)",
    body: memberRoleInput,
  },
  {
    method: 'get',
    path: '/api/v1/tenant/members',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "the hotel's staff (manager or owner)",
  },
  {
    method: 'post',
    path: '/api/v1/tenant/members',
    created: true,
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'invite someone by email with a role (manager or owner; audited); the link is mailed to that address only',
    body: memberInviteInput,
  },
  {
    method: 'get',
    path: '/api/v1/tenant/invitations',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "the hotel's open invitations (manager or owner)",
  },
  {
    method: 'delete',
    path: '/api/v1/tenant/invitations/{id}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'withdraw an open invitation (manager or owner; audited)',
  },
  {
    method: 'get',
    path: '/api/v1/tenant/pms',
    tag: 'Hotel admin',
    security: 'hotel',
    summary:
      "the hotel's PMS connection (state, last sync, delay, errors with advice; never the credentials) and the rooms board (each room's status and guest)",
  },
  {
    method: 'post',
    path: '/api/v1/tenant/pms/sync',
    tag: 'Hotel admin',
    security: 'hotel',
    summary:
      'pull from the PMS now (owner or manager), instead of waiting for the 5-minute job; the same idempotent upserts',
  },
  {
    method: 'get',
    path: '/api/v1/tenant/referral-program',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'benefits computed for this hotel, its referrals, VIP status',
  },
  {
    method: 'post',
    path: '/api/v1/tenant/referrals',
    created: true,
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'invite another hotel (customer referral; manager or owner; audited)',
    body: customerInvitationInput,
  },
  {
    method: 'delete',
    path: '/api/v1/tenant/rooms/{id}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'remove a room (manager or owner; audited)',
  },
  {
    method: 'patch',
    path: '/api/v1/tenant/rooms/{id}',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'change a room: staff may change only its status (housekeeping), managers and owners any field (audited)',
    body: roomUpdate,
  },
  { method: 'get', path: '/api/v1/tenant/rooms', tag: 'Hotel admin', security: 'hotel', summary: "the hotel's rooms" },
  {
    method: 'post',
    path: '/api/v1/tenant/rooms',
    created: true,
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'add a room (manager or owner; audited)',
    body: roomInput,
  },
  {
    method: 'get',
    path: '/api/v1/tenant/invoice-registration',
    tag: 'Hotel admin',
    security: 'hotel',
    summary:
      "the hotel's qualified-invoice registration number, printed on its referral payout statements (any member)",
  },
  {
    method: 'put',
    path: '/api/v1/tenant/invoice-registration',
    tag: 'Hotel admin',
    security: 'hotel',
    summary:
      "set the hotel's qualified-invoice registration number (T + 13 digits, check digit verified) (owner; audited)",
    body: invoiceRegistrationInput,
  },
  {
    method: 'get',
    path: '/api/v1/tenant/settings',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "the hotel's settings",
  },
  {
    method: 'put',
    path: '/api/v1/tenant/settings',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: "replace the hotel's settings (manager or owner; audited)",
    body: tenantSettingsInput,
  },
  {
    method: 'get',
    path: '/api/v1/tenant/subscription',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'plan, cycle, monthly fee, next invoice date, guarantee',
  },
  {
    method: 'put',
    path: '/api/v1/tenant/subscription',
    tag: 'Hotel admin',
    security: 'hotel',
    summary: 'change plan or cycle from the next period (owner; audited)',
    body: subscriptionChangeInput,
  },
  {
    method: 'post',
    path: '/api/webhooks/stripe',
    tag: 'Webhooks',
    security: 'webhook',
    summary:
      'Stripe events, verified by the Stripe-Signature header (STRIPE_WEBHOOK_SECRET) and processed exactly once.',
  },
  {
    method: 'post',
    path: '/api/webhooks/pms/{vendor}',
    tag: 'Webhooks',
    security: 'webhook',
    summary:
      "A PMS vendor's change notice, with the connection's secret (?secret= or Bearer); stored and answered 202 at once, processed in the background.",
    accepted: true,
  },
]
