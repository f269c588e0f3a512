// Pure helpers of the paged lists: sort keys, Tokyo day bounds, page arithmetic.

/** `-issuedAt` → { field: 'issuedAt', dir: 'desc' }; `name` → { field: 'name', dir: 'asc' }. */
export function sortOf(sort: string): { field: string; dir: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { field: sort.slice(1), dir: 'desc' } : { field: sort, dir: 'asc' }
}

/** The instant a Tokyo calendar day (YYYY-MM-DD) starts (Asia/Tokyo has no daylight saving: UTC+9). */
export function tokyoDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`)
}

/** The instant the Tokyo day after `day` starts: `< tokyoDayEnd(to)` includes all of `to`. */
export function tokyoDayEnd(day: string): Date {
  return new Date(tokyoDayStart(day).getTime() + 86_400_000)
}

/** The number of the last page (1 for an empty list). */
export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize))
}
