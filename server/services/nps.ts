// NPS surveys (issue 13): every quarter each hotel owner gets a link (a stored random token, 30 days)
// to a public page asking 0–10 and a comment in the owner's language; one answer per quarter and
// person (unique on quarter + user, answered once). HQ reads the answers on the dashboard.
import { privilegedDb } from '../db/index.ts'
import { Conflict, Invalid, msg, NotFound } from '../lib/errors.ts'
import { hashToken, newToken } from '../lib/tokens.ts'
import { enqueueMail } from './mail.ts'
import type { JobTx } from './jobs.ts'
import type { NpsAnswerInput } from '../../shared/schemas/kpis.ts'
import { periodKey } from '../../shared/domain/schedule.ts'

export const NPS_LINK_DAYS = 30

/** '2026-Q4' for a Tokyo date in October–December 2026. */
export function quarterOf(now: Date): string {
  const [year, month] = periodKey(now, 'month').split('-').map(Number) as [number, number]
  return `${year}-Q${Math.ceil(month / 3)}`
}

/** The root origin links point to outside a request (cron): APP_ORIGIN, else http://APP_DOMAIN[:PORT]. */
export function rootOriginFromEnv(env = process.env): string {
  if (env.APP_ORIGIN) return env.APP_ORIGIN.replace(/\/$/, '')
  const port = env.PORT ?? env.NITRO_PORT
  return `http://${env.NUXT_PUBLIC_APP_DOMAIN ?? env.APP_DOMAIN ?? 'localhost'}${port ? `:${port}` : ''}`
}

/**
 * The quarter's surveys: one per owner of an active hotel not yet surveyed this quarter, mailed in
 * the owner's language. Idempotent (unique quarter + user), so the job can rerun.
 */
export async function sendNpsSurveys(tx: JobTx, now: Date, linkBase = rootOriginFromEnv()) {
  const quarter = quarterOf(now)
  const owners = await tx.user.findMany({
    where: {
      disabled: false,
      memberships: { some: { role: 'owner', tenant: { status: { in: ['active', 'past_due'] } } } },
      npsSurveys: { none: { quarter } },
    },
    select: { id: true, email: true, name: true, locale: true },
  })
  const expiresAt = new Date(now.getTime() + NPS_LINK_DAYS * 86_400_000)
  for (const owner of owners) {
    const token = newToken()
    await tx.npsSurvey.create({
      data: { quarter, userId: owner.id, locale: owner.locale, tokenHash: hashToken(token), expiresAt, sentAt: now },
    })
    await enqueueMail(tx, {
      to: owner.email,
      locale: owner.locale,
      template: 'nps_survey',
      data: { name: owner.name, url: `${linkBase}/nps?token=${encodeURIComponent(token)}`, expiresAt },
    })
  }
  return { quarter, sent: owners.length }
}

async function surveyOf(token: string, now: Date) {
  const survey = await privilegedDb().npsSurvey.findUnique({ where: { tokenHash: hashToken(token) } })
  if (!survey)
    throw NotFound(msg('nps_survey_not_found', 'このアンケートのリンクは無効です。', 'This survey link is not valid.'))
  if (survey.expiresAt <= now && !survey.answeredAt)
    throw Invalid(
      msg(
        'nps_survey_expired',
        'このアンケートの回答期限は過ぎています。ご協力ありがとうございました。',
        'This survey has closed. Thank you all the same.',
      ),
    )
  return survey
}

/** What the public page shows: the quarter, the owner's language, and whether it is answered. */
export async function npsSurveyByToken(token: string, now: Date) {
  const survey = await surveyOf(token, now)
  return {
    quarter: survey.quarter,
    locale: survey.locale === 'en' ? 'en' : 'ja',
    answered: survey.answeredAt !== null,
    expiresAt: survey.expiresAt,
  }
}

/** Records the answer once: a second answer (or a race) is refused. */
export async function answerNpsSurvey(input: NpsAnswerInput, now: Date) {
  const survey = await surveyOf(input.token, now)
  const { count } = await privilegedDb().npsSurvey.updateMany({
    where: { id: survey.id, answeredAt: null },
    data: { score: input.score, comment: input.comment || null, answeredAt: now },
  })
  if (!count)
    throw Conflict(
      msg('nps_already_answered', 'このアンケートには回答済みです。', 'This survey has already been answered.'),
    )
  return { answered: true, quarter: survey.quarter }
}

/** HQ: the answers of the range (Tokyo months), newest first, with the owner and their hotels. */
export async function npsAnswers(from: string, to: string) {
  const [y, m] = to.split('-').map(Number) as [number, number]
  const rows = await privilegedDb().npsSurvey.findMany({
    where: {
      answeredAt: {
        gte: new Date(`${from}-01T00:00:00+09:00`),
        lt: new Date(`${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01T00:00:00+09:00`),
      },
    },
    orderBy: { answeredAt: 'desc' },
    take: 500,
    select: {
      quarter: true,
      score: true,
      comment: true,
      answeredAt: true,
      user: {
        select: {
          name: true,
          memberships: { where: { role: 'owner' }, select: { tenant: { select: { name: true, slug: true } } } },
        },
      },
    },
  })
  return rows.map((r) => ({
    quarter: r.quarter,
    score: r.score,
    comment: r.comment,
    answeredAt: r.answeredAt,
    owner: r.user.name,
    hotels: r.user.memberships.map((mm) => mm.tenant.name),
  }))
}
