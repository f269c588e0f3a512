// The API reference page (/docs/api) speaks Japanese to a Japanese reader: every operation of the
// OpenAPI document has a Japanese summary, every group a Japanese name, and nothing is left over.
import { describe, expect, it } from 'vitest'
import '../helpers/route-globals'
import { API_SUMMARIES_JA, API_TAGS_JA } from '../../i18n/api-reference-ja'
import { openApiDocument } from '../../server/openapi/document'

const doc = await openApiDocument('http://localhost')
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.keys(methods).map((method) => `${method} ${path}`),
)

describe('the Japanese API reference', () => {
  it('has a Japanese summary for every operation and none for operations that are gone', () => {
    expect(operations.filter((key) => !API_SUMMARIES_JA[key])).toEqual([])
    expect(Object.keys(API_SUMMARIES_JA).filter((key) => !operations.includes(key))).toEqual([])
  })

  it('names every group in Japanese', () => {
    expect(doc.tags.map((t) => t.name).filter((name) => !API_TAGS_JA[name])).toEqual([])
  })

  it('writes the summaries in Japanese (not a copy of the English)', () => {
    const latinOnly = Object.entries(API_SUMMARIES_JA).filter(([, s]) => !/[\u3040-\u30ff\u3400-\u9fff]/.test(s))
    expect(latinOnly).toEqual([])
  })
})
