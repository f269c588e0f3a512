import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'
import { isValidInvoiceRegistrationNumber } from '../domain/referrals'

export const bankAccountInput = z
  .object({
    bankCode: z.string().regex(/^\d{4}$/, fk('bankCode')),
    branchCode: z.string().regex(/^\d{3}$/, fk('branchCode')),
    accountType: z.enum(['ordinary', 'current']),
    accountNumber: z
      .string()
      .regex(/^\d{1,7}$/, fk('accountNumber'))
      .transform((s) => s.padStart(7, '0')),
    holderKana: z.string().trim().min(1, fk('holderKana')).max(30),
  })
  .strict()
export type BankAccountInput = z.input<typeof bankAccountInput>

export const invoiceRegistrationInput = z
  .object({
    registrationNumber: z.string().trim().refine(isValidInvoiceRegistrationNumber, fk('invoiceNumber')).nullable(),
  })
  .strict()

export const payoutBatchInput = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, fk('month')),
  })
  .strict()

export const payoutApproveInput = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, fk('month')),
  })
  .strict()

export const payoutReturnedInput = z
  .object({
    reason: z.string().trim().min(1, fk('returnedReason')).max(300),
  })
  .strict()
