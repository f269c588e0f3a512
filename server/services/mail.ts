// PLACEHOLDER until the mailer lands (wip-mail): the same API, writing nothing.
import type { Prisma } from '../generated/prisma/client.ts'

export interface MailRequest { to: string; locale: 'ja' | 'en'; template: string; data: Record<string, unknown> }

export async function enqueueMail(_tx: Prisma.TransactionClient, _mail: MailRequest): Promise<void> {}

export function deliverMailSoon(): void {}
