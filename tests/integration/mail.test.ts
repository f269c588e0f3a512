// The mailer against real parts: the outbox in PostgreSQL, and a real SMTP server (smtp-server) on
// a free port that receives what nodemailer sends; mailparser reads it back.
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  deliverMailSoon,
  deliverPendingMail,
  enqueueMail,
  MAIL_MAX_ATTEMPTS,
  mailDeliveryIdle,
} from '../../server/services/mail'
import pg from 'pg'
import { ownerUrl, uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()

interface Received {
  rcptTo: string[]
  mailFrom: string
  parsed: ParsedMail
}
async function startSmtp(options: { refuse?: boolean; holdMs?: number } = {}) {
  const received: Received[] = []
  const state = { receiving: 0 }
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true, // plain TCP on 127.0.0.1
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 's3cret') callback(null, { user: 'mailer' })
      else callback(new Error('Invalid username or password'))
    },
    onRcptTo(_address, _session, callback) {
      if (options.refuse) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }))
      else callback()
    },
    onData(stream, session, callback) {
      state.receiving++
      simpleParser(stream).then(async (parsed) => {
        if (options.holdMs) await new Promise((r) => setTimeout(r, options.holdMs)) // a slow server's 250 OK
        received.push({
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          parsed,
        })
        callback()
      }, callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://mailer:s3cret@127.0.0.1:${port}`,
    received,
    state,
    to: (address: string) => received.filter((r) => r.rcptTo.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let smtp: Awaited<ReturnType<typeof startSmtp>>
let refusing: Awaited<ReturnType<typeof startSmtp>>
beforeAll(async () => {
  smtp = await startSmtp()
  refusing = await startSmtp({ refuse: true })
})
afterAll(async () => {
  await mailDeliveryIdle()
  await smtp.close()
  await refusing.close()
})

const FROM = 'OmotenasuAI <no-reply@omotenasu.example>'
const viaSmtp = () => ({ db: db.privileged, settings: { smtpUrl: smtp.url, from: FROM } })
const address = () => `${uniq('guest')}@hotel.example`
const resetUrl = (token: string) => `http://hotel-a.localhost:3000/auth/reset?token=${token}`

async function enqueueReset(to: string, token = uniq('tok'), locale = 'ja') {
  const { id } = await db.privileged.$transaction((tx) =>
    enqueueMail(tx, {
      to,
      locale,
      template: 'password_reset',
      data: { name: '山田 花子', url: resetUrl(token), expiresInMinutes: 60 },
    }),
  )
  return { id, url: resetUrl(token) }
}

describe('enqueueMail', () => {
  it("writes in the caller's transaction: a rollback leaves no mail", async () => {
    const to = address()
    await expect(
      db.privileged.$transaction(async (tx) => {
        await enqueueMail(tx, { to, template: 'password_reset', data: { url: resetUrl('x'), expiresInMinutes: 60 } })
        throw new Error('the cause failed')
      }),
    ).rejects.toThrow('the cause failed')
    expect(await db.privileged.mailMessage.count({ where: { toAddress: to } })).toBe(0)
  })

  it("renders in the recipient's language and waits as pending", async () => {
    const to = address()
    const { id } = await enqueueReset(to, 'tok-en', 'en')
    expect(await db.privileged.mailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      toAddress: to,
      locale: 'en',
      kind: 'password_reset',
      subject: '[OmotenasuAI] Reset your password',
      status: 'pending',
      attempts: 0,
      sentAt: null,
    })
  })

  it('the app role (hotel routes) cannot read or write the outbox', async () => {
    await expect(db.app.$queryRaw`SELECT count(*) FROM mail_messages`).rejects.toThrow(/permission denied/)
    await expect(db.app.$executeRaw`DELETE FROM mail_messages`).rejects.toThrow(/permission denied/)
  })
})

describe('deliverPendingMail over SMTP', () => {
  it('delivers a password reset: envelope, subject, body and link; then blanks the body', async () => {
    const to = address()
    const { id, url } = await enqueueReset(to)
    const report = await deliverPendingMail(viaSmtp())
    expect(report.sent).toBeGreaterThanOrEqual(1)

    const [mail, ...others] = smtp.to(to)
    expect(others).toEqual([])
    expect(mail!.rcptTo).toEqual([to])
    expect(mail!.mailFrom).toBe('no-reply@omotenasu.example')
    expect(mail!.parsed.subject).toBe('【OmotenasuAI】パスワード再設定のご案内')
    expect(mail!.parsed.from?.text).toContain('no-reply@omotenasu.example')
    expect(mail!.parsed.text).toContain('山田 花子 様')
    expect(mail!.parsed.text).toContain(url)
    expect(mail!.parsed.text?.match(/https?:\/\/\S+/)?.[0]).toBe(url)

    const row = await db.privileged.mailMessage.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      textBody: '',
      htmlBody: null,
      toAddress: to,
      subject: '【OmotenasuAI】パスワード再設定のご案内',
      kind: 'password_reset',
    })
    expect(row.sentAt).toBeInstanceOf(Date)

    // A second run finds nothing to send for it.
    await deliverPendingMail(viaSmtp())
    expect(smtp.to(to)).toHaveLength(1)
  })

  it('two deliveries running at once send each message exactly once', async () => {
    const to = address()
    const urls = []
    for (let i = 0; i < 6; i++) urls.push((await enqueueReset(to, `tok-${i}-${uniq('c')}`)).url)
    await Promise.all([deliverPendingMail(viaSmtp()), deliverPendingMail(viaSmtp()), deliverPendingMail(viaSmtp())])
    const bodies = smtp.to(to).map((m) => m.parsed.text ?? '')
    expect(bodies).toHaveLength(6)
    for (const url of urls) expect(bodies.filter((b) => b.includes(url))).toHaveLength(1)
    expect(await db.privileged.mailMessage.count({ where: { toAddress: to, status: 'sent' } })).toBe(6)
  })

  it(`a refusing server leaves the message unsent, with the error and the attempt counted; it is retried \
later`, async () => {
    const to = address()
    const { id, url } = await enqueueReset(to)
    const report = await deliverPendingMail({ db: db.privileged, settings: { smtpUrl: refusing.url, from: FROM } })
    expect(report.retrying).toBeGreaterThanOrEqual(1)
    const failed = await db.privileged.mailMessage.findUniqueOrThrow({ where: { id } })
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, sentAt: null })
    expect(failed.lastError).toMatch(/550|Mailbox unavailable/)
    expect(failed.textBody).toContain(url) // kept for the retry
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now())

    // Not due yet: a run now leaves it alone; once due, the working server receives it.
    await deliverPendingMail(viaSmtp())
    expect(smtp.to(to)).toHaveLength(0)
    await deliverPendingMail({ ...viaSmtp(), now: () => new Date(Date.now() + 5 * 60_000) })
    expect(smtp.to(to)).toHaveLength(1)
    expect(await db.privileged.mailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
      textBody: '',
    })
  })

  it('an unreachable server counts as a failure too, and the last allowed attempt gives up', async () => {
    const to = address()
    const { id } = await enqueueReset(to)
    await db.privileged.mailMessage.update({ where: { id }, data: { attempts: MAIL_MAX_ATTEMPTS - 1 } })
    const closed = await startSmtp()
    await closed.close() // nothing listens on its port any more
    const report = await deliverPendingMail({ db: db.privileged, settings: { smtpUrl: closed.url, from: FROM } })
    expect(report.gaveUp).toBeGreaterThanOrEqual(1)
    const row = await db.privileged.mailMessage.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ status: 'failed', attempts: MAIL_MAX_ATTEMPTS, sentAt: null })
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
    await deliverPendingMail({ ...viaSmtp(), now: () => new Date(Date.now() + 24 * 3_600_000) })
    expect(smtp.to(to)).toHaveLength(0)
  })

  it('holds no transaction and no connection while the SMTP server answers; still sent exactly once', async () => {
    const slow = await startSmtp({ holdMs: 700 })
    const owner = new pg.Client({ connectionString: ownerUrl() })
    await owner.connect()
    try {
      const to = address()
      await enqueueReset(to)
      await enqueueReset(to)
      const settings = { smtpUrl: slow.url, from: FROM }
      const runs = Promise.all([deliverPendingMail({ db: db.privileged, settings }), deliverPendingMail(viaSmtp())])
      // Once the slow server holds a message, nothing of this database is inside a transaction.
      while (!slow.state.receiving) await new Promise((r) => setTimeout(r, 10))
      await new Promise((r) => setTimeout(r, 200)) // well inside the 700 ms it holds its answer
      const { rows } = await owner.query(
        `SELECT state, query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
      )
      expect(rows).toEqual([])
      await runs
      expect(slow.to(to).length + smtp.to(to).length).toBe(2)
      expect(await db.privileged.mailMessage.count({ where: { toAddress: to, status: 'sent', attempts: 1 } })).toBe(2)
    } finally {
      await owner.end()
      await slow.close()
    }
  })

  it('deliverMailSoon delivers in the background after commit and never throws to the caller', async () => {
    const to = address()
    await enqueueReset(to)
    expect(deliverMailSoon(viaSmtp())).toBeUndefined()
    await mailDeliveryIdle()
    expect(smtp.to(to)).toHaveLength(1)
    // A broken database handle is logged, not thrown.
    expect(() => deliverMailSoon({ db: {} as never, settings: { smtpUrl: smtp.url } })).not.toThrow()
    await mailDeliveryIdle()
  })
})

describe('outbox mode (no SMTP_URL)', () => {
  it('keeps the message whole and readable, and prints recipient, subject and link once', async () => {
    const to = address()
    const { id, url } = await enqueueReset(to)
    const lines: string[] = []
    await deliverPendingMail({ db: db.privileged, settings: { smtpUrl: null }, log: (l) => lines.push(l) })
    const row = await db.privileged.mailMessage.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ status: 'outbox', sentAt: null, subject: '【OmotenasuAI】パスワード再設定のご案内' })
    expect(row.textBody).toContain(url)
    expect(lines.filter((l) => l.includes(to))).toEqual([
      `[mail] outbox → ${to}: 【OmotenasuAI】パスワード再設定のご案内 — ${url}`,
    ])

    // Filed once: later runs (with or without SMTP) neither print nor send it again.
    await deliverPendingMail({ db: db.privileged, settings: { smtpUrl: null }, log: (l) => lines.push(l) })
    await deliverPendingMail(viaSmtp())
    expect(lines.filter((l) => l.includes(to))).toHaveLength(1)
    expect(smtp.to(to)).toHaveLength(0)
  })
})

describe('owner notices', () => {
  it(`each unsent notification becomes one mail to its user, in the user's language, and is marked sent \
once`, async () => {
    const email = address()
    const user = await db.privileged.user.create({ data: { email, name: 'Owner', passwordHash: 'x', locale: 'en' } })
    const notice = await db.privileged.notification.create({
      data: {
        userId: user.id,
        kind: 'payment_failed',
        subject: 'Payment failed for INV-1',
        body: 'Please check the invoice: http://hotel-a.localhost:3000/billing',
      },
    })
    await Promise.all([deliverPendingMail(viaSmtp()), deliverPendingMail(viaSmtp())])
    const [mail, ...more] = smtp.to(email)
    expect(more).toEqual([])
    expect(mail!.parsed.subject).toBe('[OmotenasuAI] Payment failed for INV-1')
    expect(mail!.parsed.text).toContain('http://hotel-a.localhost:3000/billing')
    expect(mail!.parsed.text).toContain('cannot receive replies') // the English variant
    expect(
      (await db.privileged.notification.findUniqueOrThrow({ where: { id: notice.id }, select: { sentAt: true } }))
        .sentAt,
    ).toBeInstanceOf(Date)
    await deliverPendingMail(viaSmtp())
    expect(smtp.to(email)).toHaveLength(1)
    expect(await db.privileged.mailMessage.count({ where: { toAddress: email } })).toBe(1)
  })
})
