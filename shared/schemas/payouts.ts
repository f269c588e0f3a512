import { z } from 'zod'
import { isValidInvoiceRegistrationNumber } from '../domain/referrals'

export const bankAccountInput = z.object({
  bankCode: z.string().regex(/^\d{4}$/, 'A bank code has 4 digits.'),
  branchCode: z.string().regex(/^\d{3}$/, 'A branch code has 3 digits.'),
  accountType: z.enum(['ordinary', 'current']),
  accountNumber: z.string().regex(/^\d{1,7}$/, 'An account number has up to 7 digits.').transform((s) => s.padStart(7, '0')),
  holderKana: z.string().trim().min(1, 'Enter the account holder in katakana.').max(30),
}).strict()
export type BankAccountInput = z.input<typeof bankAccountInput>

export const invoiceRegistrationInput = z.object({
  registrationNumber: z.string().trim().refine(isValidInvoiceRegistrationNumber, 'A registration number is T followed by 13 digits (check the number on your notice).').nullable(),
}).strict()

export const payoutBatchInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give the month as YYYY-MM.'),
}).strict()

export const payoutApproveInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give the month as YYYY-MM.'),
}).strict()

export const payoutReturnedInput = z.object({
  reason: z.string().trim().min(1, 'Say why the bank returned it (e.g. account closed).').max(300),
}).strict()
