// A PATCH changes only what it is sent. zod 4's `.partial()` keeps a schema's `.default()`s, so a
// partial of a create schema silently overwrites omitted fields with defaults (a room's capacity
// was reset to 2 by a status change). The list comes from the OpenAPI operations (each route's `meta`),
// which a unit test checks against the route files: a new PATCH route is covered without editing this file.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import '../helpers/route-globals'
import { apiOperations } from '../../server/openapi/document'

const patches = (await apiOperations()).filter((op) => op.method === 'patch')

describe('PATCH bodies never fill in omitted fields', () => {
  it('there are PATCH operations to check', () => expect(patches.length).toBeGreaterThan(5))

  it.each(patches.map((op) => [op.path, op] as const))('%s has no default in its body schema', (_path, op) => {
    expect(op.body, `${op.path} has no body schema`).toBeDefined()
    const json = JSON.stringify(z.toJSONSchema(op.body!, { io: 'input', unrepresentable: 'any' }))
    expect(json).not.toMatch(/"default":/)
    const parsed = op.body!.safeParse({})
    if (parsed.success) expect(parsed.data).toEqual({})
  })
})
