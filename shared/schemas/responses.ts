// What the main read operations answer, as zod schemas: the OpenAPI document renders them as JSON
// Schema (each route's `meta.response`), and tests/integration/response-schemas.test.ts parses real
// answers with them, so a schema that drifts from the service fails. Money is integer yen, rates
// integer basis points, instants ISO 8601 strings (UTC).
import { z } from 'zod'

const instant = z.iso.datetime()
const yen = z.number().int()
const bps = z.number().int().min(0).max(10_000)
const roomStatus = z.enum(['clean', 'dirty', 'inspected', 'out_of_order', 'out_of_service', 'occupied'])
const rank = z.enum(['bronze', 'silver', 'gold', 'platinum', 'diamond'])
const role = z.enum(['owner', 'manager', 'staff'])
const billingCycle = z.enum(['monthly', 'yearly', 'biennial'])

// ---------------------------------------------------------------- public and sign-in

export const publicPlanList = z.array(
  z.object({
    planCode: z.string(),
    name: z.string(),
    monthlyPrice: yen,
    currency: z.string(),
    maxRooms: z.number().int(),
    features: z.array(z.string()),
    guaranteeDays: z.number().int(),
    guaranteedRoiBps: z.number().int(),
  }),
)

const person = z.object({ id: z.string(), email: z.string(), name: z.string() })
export const signedInResponse = z.union([
  z.object({
    user: person,
    tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    role,
  }),
  z.object({
    user: person,
    isHqAdmin: z.boolean(),
    agent: z
      .object({ id: z.string(), companyName: z.string(), rank, status: z.string() })
      .nullable()
      .describe('The agent this user works for, if any.'),
  }),
])

// ---------------------------------------------------------------- hotel admin

export const hotelSummaryResponse = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  status: z.string(),
  billingCycle,
  contractStartDate: instant,
  plan: z.object({
    code: z.string(),
    name: z.string(),
    monthlyPrice: yen,
    currency: z.string(),
    maxRooms: z.number().int(),
    features: z.array(z.string()),
  }),
  rooms: z.object({ used: z.number().int(), limit: z.number().int() }),
  role,
})

export const roomList = z.array(
  z.object({
    id: z.string(),
    roomNumber: z.string(),
    name: z.string().nullable(),
    roomType: z.string().nullable(),
    floor: z.number().int().nullable(),
    capacity: z.number().int(),
    status: roomStatus,
    externalId: z.string().nullable().describe('Set when the room comes from the connected PMS.'),
    updatedAt: instant,
  }),
)

export const hotelInvoiceList = z.array(
  z.object({
    id: z.string(),
    number: z.string(),
    periodStart: instant,
    periodEnd: instant,
    months: z.number().int(),
    planCode: z.string(),
    billingCycle,
    status: z.enum(['open', 'paid', 'void', 'refunded']),
    subtotal: yen,
    tax: yen,
    total: yen,
    currency: z.string(),
    issuedAt: instant,
    dueDate: instant,
    paidAt: instant.nullable(),
    lines: z.array(
      z.object({ kind: z.string(), description: z.string(), amount: yen, taxRateBps: bps, sortOrder: z.number() }),
    ),
  }),
)

// ---------------------------------------------------------------- agent portal

export const agentProfileResponse = z.object({
  id: z.string(),
  companyName: z.string(),
  contactName: z.string(),
  rank,
  territory: z.string().nullable(),
  terms: z.object({
    firstYearMarginBps: bps,
    continuingMarginBps: bps,
    annualSalesRequirement: yen,
    currency: z.string(),
    benefits: z.array(z.string()),
  }),
})

const payout = z.object({
  id: z.string(),
  payeeType: z.enum(['agent', 'customer', 'pms_vendor']),
  payeeName: z.string(),
  month: z.string().describe('YYYY-MM, the month of the commissions paid out.'),
  amount: yen,
  tax: yen,
  total: yen,
  currency: z.string(),
  registrationNumber: z.string().nullable(),
  status: z.enum(['draft', 'approved', 'exported', 'transferred', 'returned']),
  createdAt: instant,
  paidAt: instant.nullable(),
})
export const payoutList = z.array(payout)

// ---------------------------------------------------------------- HQ

export const planCatalogueResponse = z.array(
  z.object({
    id: z.string(),
    planCode: z.string(),
    name: z.string(),
    monthlyPrice: yen,
    currency: z.string(),
    maxRooms: z.number().int(),
    features: z.array(z.string()),
    guaranteeDays: z.number().int(),
    guaranteedRoiBps: z.number().int(),
    sortOrder: z.number().int(),
    active: z.boolean(),
    _count: z.object({ tenants: z.number().int() }).describe('How many hotels are on the plan.'),
  }),
)

export const rankSettingList = z.array(
  z.object({
    rank,
    sortOrder: z.number().int(),
    firstYearMarginBps: bps,
    continuingMarginBps: bps,
    annualSalesRequirement: yen,
    currency: z.string(),
    benefits: z.array(z.string()),
  }),
)

export const pmsVendorList = z.array(
  z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    apiEndpoint: z.string().nullable(),
    commissionRateBps: bps,
    partnershipLevel: z.enum(['basic', 'preferred', 'strategic']),
    qualifiedInvoiceNumber: z.string().nullable(),
    active: z.boolean(),
    apiKeys: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        prefix: z.string(),
        createdAt: instant,
        lastUsedAt: instant.nullable(),
        revokedAt: instant.nullable(),
      }),
    ),
    connectedHotels: z.number().int(),
    failingHotels: z.number().int(),
  }),
)

// ---------------------------------------------------------------- PMS vendor API

export const vendorProfileResponse = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  partnershipLevel: z.enum(['basic', 'preferred', 'strategic']),
  commissionRateBps: bps,
})

export const vendorHotelList = z.array(
  z.object({
    hotel: z.string().describe("The hotel's subdomain, used in /api/v1/pms/hotels/{hotel}/…"),
    name: z.string(),
    connections: z.array(
      z.object({
        feature: z.enum(['room_status', 'reservations']),
        status: z.enum(['pending', 'connected', 'error', 'disconnected']),
        lastSyncAt: instant.nullable(),
        syncDelayMs: z.number().int().nullable(),
        lastError: z.string().nullable(),
        consecutiveFailures: z.number().int(),
      }),
    ),
  }),
)
