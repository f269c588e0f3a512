// The demo's seller: the embedded (demo) database and the test suite issue invoices as the demo
// seller, with a valid demo registration number, unless SELLER_* is set. A deployment on its own
// DATABASE_URL gets no default: without SELLER_REGISTRATION_NUMBER it issues no invoice and says why.
import { DEMO_SELLER } from '../../server/lib/seller.ts'

export function useDemoSellerUnlessConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SELLER_REGISTRATION_NUMBER) return false
  env.SELLER_REGISTRATION_NUMBER = DEMO_SELLER.registrationNumber
  env.SELLER_NAME ??= DEMO_SELLER.name
  env.SELLER_ADDRESS ??= DEMO_SELLER.address
  return true
}
