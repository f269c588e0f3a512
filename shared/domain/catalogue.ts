// The default catalogue of DOMAIN.md. The database is seeded from it; HQ edits the live values.

export const PLAN_FEATURES = [
  'ai_chat',
  'multilingual_faq',
  'ai_voice',
  'pms_integration',
  'analytics',
  'upsell_engine',
  'premium_support',
  'custom_domain',
  'api_access',
] as const
export type PlanFeature = (typeof PLAN_FEATURES)[number]

export interface PlanDefaults {
  planCode: string
  name: string
  monthlyPrice: number
  maxRooms: number
  features: PlanFeature[]
  guaranteeDays: number
  guaranteedRoiBps: number
}

const ECONOMY: PlanFeature[] = ['ai_chat', 'multilingual_faq']
const STANDARD: PlanFeature[] = [...ECONOMY, 'ai_voice']
const PROFESSIONAL: PlanFeature[] = [...STANDARD, 'pms_integration', 'analytics', 'upsell_engine']
const ENTERPRISE: PlanFeature[] = [...PROFESSIONAL, 'premium_support', 'custom_domain', 'api_access']

export const DEFAULT_PLANS: PlanDefaults[] = [
  {
    planCode: 'LEISURE_ECONOMY',
    name: 'Leisure Economy',
    monthlyPrice: 29_800,
    maxRooms: 30,
    features: ECONOMY,
    guaranteeDays: 30,
    guaranteedRoiBps: 10_000,
  },
  {
    planCode: 'LEISURE_STANDARD',
    name: 'Leisure Standard',
    monthlyPrice: 59_800,
    maxRooms: 80,
    features: STANDARD,
    guaranteeDays: 30,
    guaranteedRoiBps: 10_000,
  },
  {
    planCode: 'OMOTENASU_PROFESSIONAL',
    name: 'Omotenasu Professional',
    monthlyPrice: 128_000,
    maxRooms: 200,
    features: PROFESSIONAL,
    guaranteeDays: 60,
    guaranteedRoiBps: 15_000,
  },
  {
    planCode: 'OMOTENASU_ENTERPRISE',
    name: 'Omotenasu Enterprise',
    monthlyPrice: 298_000,
    maxRooms: 2_000,
    features: ENTERPRISE,
    guaranteeDays: 90,
    guaranteedRoiBps: 20_000,
  },
]

export const AGENT_RANKS = ['bronze', 'silver', 'gold', 'platinum', 'diamond'] as const
export type AgentRankName = (typeof AGENT_RANKS)[number]

export interface RankDefaults {
  rank: AgentRankName
  firstYearMarginBps: number
  continuingMarginBps: number
  annualSalesRequirement: number
  benefits: string[]
}

export const DEFAULT_RANKS: RankDefaults[] = [
  {
    rank: 'bronze',
    firstYearMarginBps: 2_000,
    continuingMarginBps: 1_000,
    annualSalesRequirement: 0,
    benefits: ['basic_materials'],
  },
  {
    rank: 'silver',
    firstYearMarginBps: 2_500,
    continuingMarginBps: 1_200,
    annualSalesRequirement: 3_000_000,
    benefits: ['basic_materials', 'co_branded_materials'],
  },
  {
    rank: 'gold',
    firstYearMarginBps: 3_000,
    continuingMarginBps: 1_500,
    annualSalesRequirement: 10_000_000,
    benefits: ['basic_materials', 'co_branded_materials', 'lead_sharing'],
  },
  {
    rank: 'platinum',
    firstYearMarginBps: 3_500,
    continuingMarginBps: 1_800,
    annualSalesRequirement: 30_000_000,
    benefits: ['basic_materials', 'co_branded_materials', 'lead_sharing', 'dedicated_partner_manager'],
  },
  {
    rank: 'diamond',
    firstYearMarginBps: 4_000,
    continuingMarginBps: 2_000,
    annualSalesRequirement: 60_000_000,
    benefits: [
      'basic_materials',
      'co_branded_materials',
      'lead_sharing',
      'dedicated_partner_manager',
      'exclusive_territory',
    ],
  },
]

export const DEFAULT_PMS_VENDORS = [
  {
    code: 'cloudbeds',
    name: 'Cloudbeds',
    apiEndpoint: 'https://api.cloudbeds.com',
    commissionRateBps: 2_000,
    partnershipLevel: 'basic' as const,
  },
  {
    code: 'mews',
    name: 'Mews',
    apiEndpoint: 'https://api.mews.com',
    commissionRateBps: 2_000,
    partnershipLevel: 'preferred' as const,
  },
  {
    code: 'opera',
    name: 'OPERA Cloud (Oracle Hospitality)',
    apiEndpoint: 'https://ohip.oracle.com',
    commissionRateBps: 2_000,
    partnershipLevel: 'basic' as const,
  },
]
