import type { H3Event } from 'h3'
import { readBody, getQuery } from 'h3'
import type { z } from 'zod'

/** The request body parsed by `schema`; a ZodError becomes a 400 listing the failing fields. */
export async function readInput<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.output<S>> {
  const body = await readBody(event).catch(() => {
    throw createError({ statusCode: 400, message: 'The request body is not valid JSON.' })
  })
  return schema.parse(body ?? {})
}

export function readQueryInput<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  return schema.parse(getQuery(event))
}

/** A route parameter that must be present. */
export function routeParam(event: H3Event, name: string): string {
  const value = getRouterParam(event, name)
  if (!value) throw createError({ statusCode: 400, message: `Missing ${name}.` })
  return value
}
