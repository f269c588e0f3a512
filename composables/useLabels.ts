/**
 * Codes the database stores (ranks, job names and states, partnership levels, payee types, room
 * types) as words in the reader's language; a code without a translation is shown as it is.
 */
export function useLabels() {
  const { t, te } = useI18n()
  const label = (group: string, code: string | null | undefined) => {
    if (!code) return ''
    const key = `labels.${group}.${code.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`
    return te(key) ? t(key) : code
  }
  return {
    rank: (code: string | null | undefined) => label('ranks', code),
    job: (code: string | null | undefined) => label('jobs', code),
    jobState: (code: string | null | undefined) => label('jobStates', code),
    level: (code: string | null | undefined) => label('levels', code),
    payeeType: (code: string | null | undefined) => label('payeeTypes', code),
    roomType: (code: string | null | undefined) => label('roomTypes', code?.toLowerCase()),
  }
}
