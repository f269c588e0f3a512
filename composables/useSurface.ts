export interface Surface {
  kind: 'tenant' | 'root'
  tenant: { id: string; slug: string; name: string } | null
}

/** Which surface this host serves: a hotel (tenant host) or the root domain (agents, HQ). */
export function useSurface() {
  return useState<Surface>('surface', () => ({ kind: 'root', tenant: null }))
}
