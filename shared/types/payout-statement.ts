// A payout statement (支払通知書) as GET /api/v1/hq/payouts/{id} sends it: the payout row with its
// commission lines and clawbacks (server/services/payouts.ts `payoutStatement`), instants as ISO text.
// Screens take the type from here: they never import server code.
export interface PayoutStatement {
  id: string
  payeeType: 'agent' | 'customer' | 'pms_vendor'
  payeeId: string
  payeeName: string
  /** YYYY-MM */
  month: string
  /** Integer yen. */
  amount: number
  tax: number
  total: number
  currency: string
  registrationNumber: string | null
  status: string
  createdAt: string
  approvedAt: string | null
  exportedAt: string | null
  paidAt: string | null
  returnedAt: string | null
  returnReason: string | null
  lines: {
    month: string
    hotel: string
    contractMonth: number
    feeAttributable: number
    rateBps: number
    amount: number
  }[]
  clawbacks: { reason: string; amount: number }[]
  issuer: { name: string; address: string }
}
