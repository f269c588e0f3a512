// The last line of defence: values PostgreSQL refuses (class 22, data exception) reach the API as a
// 400, whatever shape Prisma 7's pg adapter gives the error.
import { describe, expect, it } from 'vitest'
import { toApiError } from '../../server/lib/api-error'
import { useIntegrationDb } from '../helpers/db'

const wrapped = (cause: unknown) => ({ statusCode: 500, unhandled: true, cause })

describe('database input errors', () => {
  const db = useIntegrationDb()

  it('a NUL byte in a text value (22021) is a 400', async () => {
    const error = await db.privileged.tenant.findFirst({ where: { slug: 'a\u0000b' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(toApiError(wrapped(error))).toMatchObject({ statusCode: 400, code: 'invalid_value' })
  })

  it('a malformed value PostgreSQL cannot cast (22P02) in a raw query is a 400', async () => {
    const error = await db.privileged.$queryRawUnsafe('SELECT $1::int', 'not a number').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(toApiError(wrapped(error))).toMatchObject({ statusCode: 400, code: 'invalid_value' })
  })
})
