// The seller printed on every invoice, credit note and receipt: deployment configuration
// (SELLER_NAME, SELLER_REGISTRATION_NUMBER, SELLER_ADDRESS), read at the moment a document is
// issued. A missing or invalid registration number stops issuing: never a placeholder number.
import { sellerProblem, type Seller, type SellerProblem } from '../../shared/domain/invoices.ts'
import { Unavailable, msg, type LocalizedMessage } from './errors.ts'

export const DEMO_SELLER: Seller = {
  name: 'OmotenasuAI株式会社（デモ）',
  registrationNumber: 'T7123456789012',
  address: '東京都千代田区丸の内1-1-1',
}

function configured(env: NodeJS.ProcessEnv) {
  return {
    name: env.SELLER_NAME?.trim() ?? '',
    registrationNumber: env.SELLER_REGISTRATION_NUMBER?.trim() ?? '',
    address: env.SELLER_ADDRESS?.trim() ?? '',
  }
}

const MESSAGES: Record<SellerProblem, (value: string) => LocalizedMessage> = {
  registration_number_missing: () =>
    msg(
      'seller_registration_number_missing',
      '適格請求書発行事業者の登録番号（SELLER_REGISTRATION_NUMBER）が設定されていないため、請求書を発行できません。',
      "Invoices cannot be issued: the seller's qualified-invoice registration number (SELLER_REGISTRATION_NUMBER) is " +
        'not configured.',
    ),
  registration_number_invalid: (v) =>
    msg(
      'seller_registration_number_invalid',
      `登録番号 ${v}（SELLER_REGISTRATION_NUMBER）は無効です（T＋13桁、チェックデジットを確認してください）。` +
        `請求書を発行できません。`,
      `Invoices cannot be issued: the registration number ${v} (SELLER_REGISTRATION_NUMBER) is invalid (T + 13 ` +
        `digits with a valid check digit).`,
    ),
  name_missing: () =>
    msg(
      'seller_name_missing',
      '適格請求書発行事業者の名称（SELLER_NAME）が設定されていないため、請求書を発行できません。',
      "Invoices cannot be issued: the seller's name (SELLER_NAME) is not configured.",
    ),
}

/** The configured seller and, when it cannot issue, why (for HQ's invoices page). */
export function sellerStatus(env: NodeJS.ProcessEnv = process.env): {
  seller: Seller
  problem: LocalizedMessage | null
} {
  const seller = configured(env)
  const problem = sellerProblem(seller)
  return { seller, problem: problem ? MESSAGES[problem](seller.registrationNumber) : null }
}

/**
 * The seller of a document being issued now, or an 'unavailable' error with the reason (a job run
 * records it and /hq/jobs shows it; a request gets it in its language).
 */
export function requireSeller(env: NodeJS.ProcessEnv = process.env): Seller {
  const { seller, problem } = sellerStatus(env)
  if (problem) throw Unavailable(problem)
  return seller
}
