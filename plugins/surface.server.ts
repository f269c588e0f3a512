// Hands the server's resolution of the Host (which hotel, if any) to the client.
export default defineNuxtPlugin(() => {
  const tenant = useRequestEvent()?.context.tenant
  useState('surface', () =>
    tenant
      ? { kind: 'tenant' as const, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name } }
      : { kind: 'root' as const, tenant: null },
  )
})
