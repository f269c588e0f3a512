// Business numbers as data (business_settings): the one door through which billing, referrals,
// commissions and payouts read the numbers in force on a date, and through which HQ schedules a new
// value. The rows change rarely, so they are cached for a minute per instance; a new value can only
// take effect from tomorrow (Asia/Tokyo) on, so every document of one day is made with one set of
// numbers whatever instance makes it, and nothing already issued is ever re-explained.
import type { Prisma } from '../generated/prisma/client.ts'
import { privilegedDb } from '../db/index.ts'
import { Invalid, msg } from '../lib/errors.ts'
import {
  BUSINESS_SETTINGS,
  bpsFromPercent,
  percentFromBps,
  rulesAt,
  valueInForce,
  type BusinessRules,
  type BusinessSettingKey,
  type BusinessSettingRow,
} from '../../shared/domain/business-rules.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import type { BusinessSettingInput } from '../../shared/schemas/business-rules.ts'
import { fk } from '../../shared/i18n/field-messages.ts'
import { recordAudit, type Actor } from './audit.ts'

interface Reader {
  businessSetting: Pick<Prisma.TransactionClient['businessSetting'], 'findMany'>
}

const TTL_MS = 60_000
let cache: { loadedAt: number; rows: BusinessSettingRow[] } | null = null

/** Forget the cached rows (after a write; tests that insert rows directly). */
export function invalidateBusinessRules() {
  cache = null
}

async function settingRows(db: Reader): Promise<BusinessSettingRow[]> {
  if (cache && Date.now() - cache.loadedAt < TTL_MS) return cache.rows
  const rows = (await db.businessSetting.findMany({ select: { key: true, value: true, effectiveFrom: true } })).map(
    (r) => ({ key: r.key, value: r.value, effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10) }),
  )
  cache = { loadedAt: Date.now(), rows }
  return rows
}

/** The numbers in force on the Tokyo business date of `at`, typed, for the pure rules. */
export async function businessRules(db: Reader, at: Date): Promise<BusinessRules> {
  return rulesAt(await settingRows(db), periodKey(at, 'day'))
}

type ShownUnit = 'percent' | 'yen' | 'months'
const shownUnit = (unit: string): ShownUnit => (unit === 'bps' ? 'percent' : (unit as ShownUnit))
/** Stored integers to what a person reads: bps as percent (never bps on screen or in this API). */
const shown = (unit: string, value: number) => (unit === 'bps' ? percentFromBps(value) : value)

/** HQ's view: each number with its value today, the scheduled changes and the history. */
export async function listBusinessSettings(now: Date) {
  const db = privilegedDb()
  const rows = await db.businessSetting.findMany({ orderBy: [{ key: 'asc' }, { effectiveFrom: 'asc' }] })
  const today = periodKey(now, 'day')
  const plain = rows.map((r) => ({
    key: r.key,
    value: r.value,
    effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10),
    note: r.note,
    createdAt: r.createdAt.toISOString(),
  }))
  return {
    today,
    earliestEffectiveFrom: tomorrowOf(today),
    settings: BUSINESS_SETTINGS.map((d) => ({
      key: d.key,
      unit: shownUnit(d.unit),
      min: shown(d.unit, d.min),
      max: shown(d.unit, d.max),
      value: shown(d.unit, valueInForce(plain, d.key, today)),
      scheduled: plain
        .filter((r) => r.key === d.key && r.effectiveFrom > today)
        .map((r) => ({ ...r, value: shown(d.unit, r.value) })),
      history: plain
        .filter((r) => r.key === d.key && r.effectiveFrom <= today)
        .map((r) => ({ ...r, value: shown(d.unit, r.value) })),
    })),
  }
}

function tomorrowOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/**
 * Schedules `value` for `key` from `effectiveFrom` (tomorrow at the earliest, Tokyo); a second
 * value for the same key and date replaces the scheduled one. Audited in the same transaction.
 */
export async function scheduleBusinessSetting(input: BusinessSettingInput, actor: Actor, now: Date) {
  const definition = BUSINESS_SETTINGS.find((d) => d.key === input.key)!
  const today = periodKey(now, 'day')
  if (input.effectiveFrom <= today) {
    throw Invalid(
      msg(
        'business_setting_effective_date',
        `変更は明日（${tomorrowOf(today)}）以降の日付からのみ適用できます。` +
          `発行済みの請求書や記録済みの報酬は変わりません。`,
        `A change can take effect from tomorrow (${tomorrowOf(today)}) at the earliest: issued invoices and recorded ` +
          `commissions keep the numbers of their date.`,
      ),
      { fields: { effectiveFrom: fk('fromTomorrow') } },
    )
  }
  const stored = definition.unit === 'bps' ? bpsFromPercent(input.value) : input.value
  if (!Number.isInteger(stored) || stored < definition.min || stored > definition.max) {
    throw Invalid(msg('business_setting_out_of_range', '値が許容範囲外です。', 'The value is out of range.'), {
      fields: { value: fk('outOfRange') },
    })
  }
  const result = await privilegedDb().$transaction(async (tx) => {
    const effectiveFrom = new Date(input.effectiveFrom)
    const key = { key_effectiveFrom: { key: input.key, effectiveFrom } }
    const before = await tx.businessSetting.findUnique({ where: key })
    const inForceBefore = valueInForce(
      (await tx.businessSetting.findMany({ where: { key: input.key } })).map((r) => ({
        key: r.key,
        value: r.value,
        effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10),
      })),
      input.key as BusinessSettingKey,
      input.effectiveFrom,
    )
    const data = { value: stored, note: input.note ?? null, createdByUserId: actor.type === 'user' ? actor.id : null }
    const after = await tx.businessSetting.upsert({
      where: key,
      create: { key: input.key, effectiveFrom, ...data },
      update: data,
    })
    await recordAudit(tx, actor, {
      action: before ? 'update' : 'create',
      entity: 'business_setting',
      entityId: `${input.key}@${input.effectiveFrom}`,
      before: {
        value: shown(definition.unit, inForceBefore),
        unit: shownUnit(definition.unit),
        ...(before ? { scheduled: shown(definition.unit, before.value) } : {}),
      },
      after: {
        value: input.value,
        unit: shownUnit(definition.unit),
        effectiveFrom: input.effectiveFrom,
        note: input.note ?? null,
      },
    })
    return {
      key: after.key,
      value: shown(definition.unit, after.value),
      unit: shownUnit(definition.unit),
      effectiveFrom: input.effectiveFrom,
      note: after.note,
      previousValue: shown(definition.unit, inForceBefore),
    }
  })
  invalidateBusinessRules()
  return result
}
