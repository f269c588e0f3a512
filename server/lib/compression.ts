// Which encoding to answer with: brotli when the client accepts it, else gzip, else none.
// `q=0` refuses an encoding (RFC 9110 §12.5.3); `*` accepts any.
export type Encoding = 'br' | 'gzip'

export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    accepted.set(name!, q ? Number(q.slice(2)) : 1)
  }
  const quality = (e: string) => accepted.get(e) ?? accepted.get('*') ?? 0
  if (quality('br') > 0) return 'br'
  if (quality('gzip') > 0) return 'gzip'
  return undefined
}
