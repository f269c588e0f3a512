/** The message of an API error ({ statusCode, message, data }) for a toast or a form. */
export function apiErrorMessage(error: unknown, fallback: string): string {
  const e = error as { data?: { message?: string }; message?: string }
  return e?.data?.message || fallback
}
