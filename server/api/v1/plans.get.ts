// GET /api/v1/plans — the active plan catalogue (public: signup and pricing)
import { activePlans } from '../../services/plans'
import { defineApiMeta } from '../../openapi/meta'
import { publicPlanList } from '../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'Public',
  security: 'none',
  summary: 'the active plan catalogue (public: signup and pricing)',
  response: publicPlanList,
})

export default defineEventHandler(() => activePlans())
