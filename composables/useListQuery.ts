/**
 * The state of a server-side list, kept in the page's URL query (?page=&q=&status=…) so a reload,
 * a shared link and the back button show the same rows: the page, a debounced search, and the
 * filters the page names. `query` goes to useFetch; `csvUrl` is the same list as a CSV download.
 *
 *   const { state: list, query } = useListQuery({ filters: ['status', 'plan'] })
 *   const { data } = await useFetch('/api/v1/hq/tenants', { query, default: emptyPage })
 *   <ListTable :list="list" :data="data" :columns="columns" csv-path="/api/v1/hq/tenants" />
 */
export interface ListFilterOption {
  label: string
  value: string
}

export function useListQuery<F extends string>(options: { filters?: readonly F[]; pageSize?: number } = {}) {
  const route = useRoute()
  const router = useRouter()
  const names = options.filters ?? []
  const pageSize = options.pageSize ?? 25
  const read = (key: string) => {
    const v = route.query[key]
    return typeof v === 'string' ? v : ''
  }

  const page = ref(Math.max(1, Number(read('page')) || 1))
  const q = ref(read('q'))
  /** What the search box shows; `q` follows it 300 ms after the last keystroke. */
  const search = ref(q.value)
  const filters = reactive(Object.fromEntries(names.map((n) => [n, read(n)]))) as Record<F, string>

  let typing: ReturnType<typeof setTimeout> | undefined
  watch(search, (value) => {
    clearTimeout(typing)
    typing = setTimeout(() => {
      q.value = value.trim()
    }, 300)
  })
  // A new search or filter starts again from the first page.
  watch([q, () => ({ ...filters })], () => {
    page.value = 1
  })

  const query = computed(() => {
    const out: Record<string, string | number> = { page: page.value, pageSize }
    if (q.value) out.q = q.value
    for (const n of names) if (filters[n]) out[n] = filters[n]
    return out
  })
  // The URL follows the state (replace: paging is not a history step of its own).
  watch(query, (value) => {
    const next: Record<string, string> = {}
    for (const [k, v] of Object.entries(value)) if (k !== 'pageSize' && !(k === 'page' && v === 1)) next[k] = String(v)
    const others = Object.fromEntries(Object.entries(route.query).filter(([k]) => !['page', 'q', ...names].includes(k)))
    router.replace({ query: { ...others, ...next } })
  })

  const csvUrl = (path: string) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query.value)) if (k !== 'page' && k !== 'pageSize') params.set(k, String(v))
    params.set('format', 'csv')
    return `${path}?${params}`
  }
  const reset = () => {
    search.value = ''
    q.value = ''
    for (const n of names) filters[n] = ''
  }
  const active = computed(() => Boolean(q.value) || names.some((n) => Boolean(filters[n])))

  return { state: reactive({ page, pageSize, search, q, filters, csvUrl, reset, active }), query }
}

export type ListState = ReturnType<typeof useListQuery>['state']

/** The answer of a list before its data arrives. */
export const emptyPage = () => ({ items: [] as never[], total: 0, page: 1, pageSize: 25 })
