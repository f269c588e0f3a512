// Turns anything a handler throws into the API's error shape { statusCode, message, data? }.
// Bad input is always a 4xx with a readable message; only true bugs are 500s.
import { ZodError } from 'zod'
import { DomainError, STATUS_OF } from './errors.ts'
import { TenantScopeError } from '../db/tenancy.ts'

export interface ApiError {
  statusCode: number
  message: string
  data?: Record<string, unknown>
}

interface PrismaKnownError { code: string; meta?: { target?: unknown; modelName?: string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } }

function isPrismaKnown(error: unknown): error is PrismaKnownError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    && /^P\d{4}$/.test((error as { code: string }).code)
}

export function zodFields(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_'
    fields[path] ??= issue.message
  }
  return fields
}

/** The error's API form. `error` may be wrapped by h3 (its `cause` is the thrown value). */
export function toApiError(thrown: unknown): ApiError {
  const error = (thrown as { cause?: unknown; unhandled?: boolean })?.unhandled ? (thrown as { cause: unknown }).cause : thrown
  if (error instanceof DomainError) return { statusCode: STATUS_OF[error.kind], message: error.message, ...(error.data ? { data: error.data } : {}) }
  if (error instanceof ZodError) {
    const fields = zodFields(error)
    return { statusCode: 400, message: `Please check these fields: ${Object.keys(fields).join(', ')}.`, data: { fields } }
  }
  if (error instanceof TenantScopeError) return { statusCode: 404, message: 'Not found.' }
  if (isPrismaKnown(error)) {
    if (error.code === 'P2002') {
      const fields = error.meta?.driverAdapterError?.cause?.constraint?.fields ?? (Array.isArray(error.meta?.target) ? error.meta.target : [])
      return { statusCode: 409, message: `This already exists${fields.length ? ` (${fields.join(', ')})` : ''}.`, data: { fields } }
    }
    if (error.code === 'P2025') return { statusCode: 404, message: 'Not found.' }
    if (error.code === 'P2003') return { statusCode: 409, message: 'This is still referenced by other records.' }
  }
  const h3 = thrown as { statusCode?: number; statusMessage?: string; message?: string; data?: unknown }
  if (typeof h3?.statusCode === 'number' && h3.statusCode < 500) {
    return { statusCode: h3.statusCode, message: h3.message || h3.statusMessage || 'Request failed.', ...(h3.data && typeof h3.data === 'object' ? { data: h3.data as Record<string, unknown> } : {}) }
  }
  return { statusCode: 500, message: 'Something went wrong on our side. Please try again; if it keeps happening, contact support.' }
}
