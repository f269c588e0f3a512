// Reads what the app mailed, from the outbox table (the e2e app runs without SMTP_URL), as an
// independent reader: plain SQL over mail_messages, not the mailer's own code.
import type { PrismaClient } from '../../server/generated/prisma/client'

export interface SentMail {
  subject: string
  text: string
  kind: string
}

/** The newest message of `kind` to `to` created after `since`, waiting for it briefly. */
export async function lastMail(db: PrismaClient, to: string, kind: string, since = new Date(0)): Promise<SentMail> {
  for (let i = 0; i < 50; i++) {
    const rows = await db.$queryRaw<{ subject: string; text_body: string; kind: string }[]>`
      SELECT subject, text_body, kind FROM mail_messages WHERE to_address = ${to} AND kind = ${kind} AND created_at >=
        ${since}
      ORDER BY created_at DESC LIMIT 1`
    if (rows[0]) return { subject: rows[0].subject, text: rows[0].text_body, kind: rows[0].kind }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no ${kind} mail to ${to}`)
}

/** The first link of a mail that contains `path`, and its token parameter. */
export function linkIn(mail: SentMail, path: string): { url: URL; token: string } {
  const found = mail.text
    .match(/https?:\/\/[^\s<>"）)]+/g)
    ?.map((u) => new URL(u))
    .find((u) => u.pathname === path)
  if (!found) throw new Error(`no ${path} link in: ${mail.text}`)
  return { url: found, token: found.searchParams.get('token') ?? '' }
}

/** How many messages `to` has received of `kind`. */
export async function mailCount(db: PrismaClient, to: string, kind: string): Promise<number> {
  const [row] = await db.$queryRaw<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM mail_messages WHERE to_address = ${to} AND kind = ${kind}`
  return row!.n
}
