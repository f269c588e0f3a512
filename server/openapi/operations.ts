// The operations still described here rather than beside their route (see API_OPERATIONS).
import type { ApiOperation } from './meta.ts'

export type { ApiOperation, ApiSecurity } from './meta.ts'

/**
 * Transitional: operations whose route file does not export `meta` yet. The document takes a
 * route's own `meta` first and these only for routes without one; move an entry into its route
 * file (`export const meta = defineApiMeta({ … })`, see server/openapi/meta.ts) and delete it here.
 */
export const API_OPERATIONS: ApiOperation[] = []
