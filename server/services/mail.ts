// The mailer: a transactional outbox (mail_messages) delivered through nodemailer.
// - enqueueMail(tx, …) writes the rendered message in the transaction of what caused it, so a mail
//   exists exactly when its cause committed.
// - deliverPendingMail() (after commit through deliverMailSoon(), and every minute from
//   server/cron/mail.ts on every instance) first turns unsent owner notices (`notifications`) into
//   mails, then claims each pending message (FOR UPDATE SKIP LOCKED, its next attempt moved past a
//   5-minute lease) so concurrent runs never share one, and sends it with no transaction open and no
//   connection held while the SMTP server answers. With SMTP_URL it sends, retries with backoff and
//   gives up after MAIL_MAX_ATTEMPTS; a sent message's body is blanked (no live link stays in the table). Without
//   SMTP_URL the message stays whole as the outbox HQ reads at /hq/outbox, and outside production the
//   console prints its recipient, subject and first link.
import nodemailer from 'nodemailer'
import type { Prisma } from '../generated/prisma/client.ts'
import type { PrismaClient } from '../db/client.ts'
import { privilegedDb } from '../db/index.ts'
import type { OutboxQuery } from '../../shared/schemas/queries.ts'
import { mailLocale, renderMail, type MailTemplateData, type MailTemplateName } from '../mail/templates.ts'

/** A privileged Prisma client or one of its transactions (never a tenant client). */
export type MailDb = PrismaClient | Prisma.TransactionClient

export interface MailRequest<K extends MailTemplateName = MailTemplateName> {
  to: string
  /** The recipient's language (users.locale); anything but English means Japanese. */
  locale?: string | null
  template: K
  data: MailTemplateData[K]
}

export const MAIL_MAX_ATTEMPTS = 10
/** A claimed message is another run's to take after this (SMTP timeouts end a send well before). */
export const MAIL_LEASE_MS = 5 * 60_000
const BATCH = 100

/** Writes one mail to the outbox, inside the caller's transaction. Delivery happens after commit. */
export async function enqueueMail<K extends MailTemplateName>(
  tx: MailDb,
  request: MailRequest<K>,
): Promise<{ id: string }> {
  const locale = mailLocale(request.locale)
  const { subject, text, html } = renderMail(request.template, request.data, locale)
  return tx.mailMessage.create({
    data: {
      toAddress: request.to.trim(),
      locale,
      kind: request.template,
      subject,
      textBody: text,
      htmlBody: html ?? null,
    },
    select: { id: true },
  })
}

export interface MailSettings {
  /** smtp://user:pass@host:587 (or smtps://…); null: outbox only. */
  smtpUrl: string | null
  from: string
}

// Read lazily, on every run, so a test (or an operator restarting with new settings) can point it.
// (Through an alias: the bundler would freeze `process.env.NODE_ENV` at build time.)
const env = process.env
export function mailSettings(source: NodeJS.ProcessEnv = env): MailSettings {
  const domain = source.NUXT_PUBLIC_APP_DOMAIN || source.APP_DOMAIN || 'localhost'
  return {
    smtpUrl: source.SMTP_URL?.trim() || null,
    from: source.MAIL_FROM?.trim() || `OmotenasuAI <no-reply@${domain}>`,
  }
}
const printsLinks = () => env.NODE_ENV !== 'production'

export interface DeliveryOptions {
  db?: PrismaClient
  /** Overrides the environment (tests). */
  settings?: Partial<MailSettings>
  now?: () => Date
  /** Where the development console line goes (tests). */
  log?: (line: string) => void
}

export interface DeliveryReport {
  notices: number
  sent: number
  retrying: number
  gaveUp: number
  outbox: number
}

/** Sends (or, without SMTP_URL, files in the outbox) every due message; safe to run concurrently. */
export async function deliverPendingMail(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const db = options.db ?? privilegedDb()
  const settings = { ...mailSettings(), ...options.settings }
  const now = options.now ?? (() => new Date())
  const report: DeliveryReport = { notices: await mailUnsentNotices(db), sent: 0, retrying: 0, gaveUp: 0, outbox: 0 }

  if (!settings.smtpUrl) {
    const filed = await fileInOutbox(db)
    report.outbox = filed.length
    if (printsLinks())
      for (const m of filed)
        (options.log ?? console.log)(
          `[mail] outbox → ${m.to_address}: ` +
            `${m.subject}${firstLink(m.text_body) ? ` — ${firstLink(m.text_body)}` : ''}`,
        )
    return report
  }

  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0])
  try {
    for (let i = 0; i < BATCH; i++) {
      const outcome = await sendOne(db, transport, settings.from, now)
      if (outcome === 'none') break
      report[outcome]++
    }
  } finally {
    transport.close()
  }
  return report
}

/**
 * One message: claimed by moving its next attempt past a lease (one statement, SKIP LOCKED, so
 * concurrent runs never share it), sent with no transaction open and no connection held while the SMTP
 * server answers, then recorded fenced on the lease (a run that outlived its lease changes nothing).
 */
async function sendOne(
  db: PrismaClient,
  transport: ReturnType<typeof nodemailer.createTransport>,
  from: string,
  now: () => Date,
) {
  const lease = new Date(now().getTime() + MAIL_LEASE_MS)
  const [message] = await db.$queryRaw<
    { id: string; to_address: string; subject: string; text_body: string; html_body: string | null; attempts: number }[]
  >`
    UPDATE mail_messages SET next_attempt_at = ${lease}
    WHERE id = (SELECT id FROM mail_messages WHERE status = 'pending' AND next_attempt_at <= ${now()}
                ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, to_address, subject, text_body, html_body, attempts`
  if (!message) return 'none' as const
  const claimed = { id: message.id, status: 'pending' as const, nextAttemptAt: lease }
  try {
    await transport.sendMail({
      from,
      to: message.to_address,
      subject: message.subject,
      text: message.text_body,
      ...(message.html_body ? { html: message.html_body } : {}),
    })
  } catch (error) {
    const attempts = message.attempts + 1
    const gaveUp = attempts >= MAIL_MAX_ATTEMPTS
    await db.mailMessage.updateMany({
      where: claimed,
      data: {
        attempts,
        lastError: String((error as Error).message ?? error).slice(0, 1000),
        status: gaveUp ? 'failed' : 'pending',
        nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)),
      },
    })
    return gaveUp ? ('gaveUp' as const) : ('retrying' as const)
  }
  await db.mailMessage.updateMany({
    where: claimed,
    data: { status: 'sent', sentAt: now(), attempts: { increment: 1 }, lastError: null, textBody: '', htmlBody: null },
  })
  return 'sent' as const
}

/** 1, 2, 4 … minutes after each failure, at most an hour: ten attempts span about four hours. */
export const retryDelayMs = (attempts: number) => Math.min(60, 2 ** (attempts - 1)) * 60_000

const firstLink = (text: string) => text.match(/https?:\/\/\S+/)?.[0]

/** No SMTP: every pending message becomes an outbox message, once (the console line prints once). */
function fileInOutbox(db: PrismaClient) {
  return db.$queryRaw<{ to_address: string; subject: string; text_body: string }[]>`
    UPDATE mail_messages SET status = 'outbox'
    WHERE id IN (SELECT id FROM mail_messages WHERE status = 'pending' ORDER BY created_at LIMIT 500 FOR UPDATE SKIP
      LOCKED)
    RETURNING to_address, subject, text_body`
}

/**
 * Each unsent owner notice becomes one mail to its user, and is marked sent in the same transaction.
 * (Selects only id, userId, kind, subject, body, sentAt: the hotel column is being renamed.)
 */
async function mailUnsentNotices(db: PrismaClient): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const claimed = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM notifications WHERE sent_at IS NULL AND user_id IS NOT NULL
      ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`
      if (claimed.length === 0) return 0
      const notices = await tx.notification.findMany({
        where: { id: { in: claimed.map((c) => c.id) } },
        select: { id: true, userId: true, kind: true, subject: true, body: true, sentAt: true },
      })
      const users = await tx.user.findMany({
        where: { id: { in: notices.map((n) => n.userId!) } },
        select: { id: true, email: true, locale: true, disabled: true },
      })
      const userOf = new Map(users.map((u) => [u.id, u]))
      let mailed = 0
      for (const notice of notices) {
        const user = userOf.get(notice.userId!)
        if (!user || user.disabled) continue // nobody to tell: marked sent below all the same
        await enqueueMail(tx, {
          to: user.email,
          locale: user.locale,
          template: 'notice',
          data: { subject: notice.subject, body: notice.body },
        })
        mailed++
      }
      await tx.notification.updateMany({
        where: { id: { in: notices.map((n) => n.id) } },
        data: { sentAt: new Date() },
      })
      return mailed
    },
    { timeout: 30_000, maxWait: 10_000 },
  )
}

let running: Promise<void> | null = null
let again = false
/**
 * After the caller's transaction committed: deliver now, in the background. Never throws and never
 * waits; runs coalesce (a call during a run asks for one more), and the cron job catches anything missed.
 */
export function deliverMailSoon(options: DeliveryOptions = {}): void {
  if (running) {
    again = true
    return
  }
  running = (async () => {
    do {
      again = false
      await deliverPendingMail(options)
    } while (again)
  })()
    .catch((error) => {
      console.error('[mail] delivery failed (the mail cron job retries):', (error as Error).message)
    })
    .finally(() => {
      running = null
    })
}

/** Resolves when a background delivery started by deliverMailSoon() has finished (tests). */
export const mailDeliveryIdle = async () => {
  while (running) await running
}

/** HQ's view of the outbox, newest first: what was (or will be) mailed, its state and its body. */
export async function listMailMessages(db: PrismaClient, query: OutboxQuery) {
  const where = query.to ? { toAddress: { contains: query.to, mode: 'insensitive' as const } } : {}
  const [total, rows] = await Promise.all([
    db.mailMessage.count({ where }),
    db.mailMessage.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ])
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((m) => ({
      id: m.id,
      to: m.toAddress,
      subject: m.subject,
      kind: m.kind,
      locale: m.locale,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
      text: m.textBody,
      html: m.htmlBody,
    })),
  }
}
