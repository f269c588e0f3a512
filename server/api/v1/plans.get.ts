// GET /api/v1/plans — the active plan catalogue (public: signup and pricing)
import { activePlans } from '../../services/plans'

export default defineEventHandler(() => activePlans())
