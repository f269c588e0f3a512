// Every audit action written anywhere in server/ has a sentence in both languages: the action codes
// (`entity.action`) are read from the source itself, so a new audit entry without its sentence fails
// here instead of showing a bare code on /hq/audit.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, auditDiff } from '../../shared/domain/audit'
import ja from '../../i18n/locales/ja.json'
import en from '../../i18n/locales/en.json'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'generated' || name === 'node_modules') return []
    if (statSync(path).isDirectory()) return sources(path)
    return /\.ts$/.test(name) ? [path] : []
  })
}

const literals = (expression: string) => [...expression.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!)

/** (entity, action) pairs: `{ action: 'x' | cond ? 'x' : 'y', entity: 'e' }` and `audit(tx, actor, 'x', 'e', …)`. */
export function auditCodesIn(source: string): string[] {
  const codes = new Set<string>()
  for (const m of source.matchAll(/\baction:\s*([^,\n}]+),?[\s\S]{0,120}?\bentity:\s*'([a-z_]+)'/g))
    for (const action of literals(m[1]!)) codes.add(`${m[2]}.${action}`)
  for (const m of source.matchAll(/\bentity:\s*'([a-z_]+)',?[\s\S]{0,120}?\baction:\s*([^,\n}]+)/g))
    for (const action of literals(m[2]!)) codes.add(`${m[1]}.${action}`)
  for (const m of source.matchAll(/\baudit\(\s*tx,\s*[\w.]+,\s*'([a-z_]+)',\s*'([a-z_]+)'/g))
    codes.add(`${m[2]}.${m[1]}`)
  return [...codes]
}

const written = [...new Set(sources('server').flatMap((file) => auditCodesIn(readFileSync(file, 'utf8'))))].sort()

type Messages = { auditLog: { sentences: Record<string, Record<string, string>> } }
const sentence = (messages: Messages, code: string) => {
  const [entity, action] = code.split('.') as [string, string]
  return messages.auditLog.sentences[entity]?.[action]
}

describe('audit action codes', () => {
  it('finds the codes the services and routes write (the scan itself works)', () => {
    expect(written.length).toBeGreaterThan(30)
    expect(written).toEqual(expect.arrayContaining(['room.create', 'payout.approve', 'business_setting.update']))
    expect(auditCodesIn(`await audit(tx, actor, 'export', 'payout', p.id)`)).toEqual(['payout.export'])
    expect(auditCodesIn(`{ action: before ? 'update' : 'create', entity: 'business_setting' }`).sort()).toEqual([
      'business_setting.create',
      'business_setting.update',
    ])
  })

  it('every code written in server/ is in the catalogue the audit page filters by', () => {
    expect(written.filter((code) => !AUDIT_ACTIONS.includes(code))).toEqual([])
  })

  it.each(['ja', 'en'] as const)('every code of the catalogue has a sentence in %s', (lang) => {
    const messages = (lang === 'ja' ? ja : en) as unknown as Messages
    const missing = AUDIT_ACTIONS.filter((code) => !sentence(messages, code)?.includes('{target}'))
    expect(missing).toEqual([])
  })

  it('Japanese sentences are Japanese and English ones are not', () => {
    for (const code of AUDIT_ACTIONS) {
      expect(sentence(ja as unknown as Messages, code)).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/)
      expect(sentence(en as unknown as Messages, code)).not.toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/)
    }
  })
})

describe('auditDiff', () => {
  it.each([
    {
      name: 'an update shows only the changed fields',
      before: { id: 'r1', status: 'clean', capacity: 2, updatedAt: 'a' },
      after: { id: 'r1', status: 'dirty', capacity: 2, updatedAt: 'b' },
      want: [{ field: 'status', before: 'clean', after: 'dirty' }],
    },
    {
      name: 'a create shows every field it set',
      before: null,
      after: { roomNumber: '101', capacity: 2 },
      want: [
        { field: 'roomNumber', before: null, after: '101' },
        { field: 'capacity', before: null, after: 2 },
      ],
    },
    {
      name: 'a delete shows every field removed',
      before: { roomNumber: '101' },
      after: undefined,
      want: [{ field: 'roomNumber', before: '101', after: null }],
    },
    {
      name: 'nested values compare by content',
      before: { features: ['a', 'b'] },
      after: { features: ['a', 'b'] },
      want: [],
    },
    { name: 'a bare value is one change', before: 1, after: 2, want: [{ field: 'value', before: 1, after: 2 }] },
    { name: 'nothing recorded', before: null, after: null, want: [] },
  ])('$name', ({ before, after, want }) => expect(auditDiff(before, after)).toEqual(want))
})
