// The migrations this build expects: prisma/migrations is bundled as the server asset
// "migrations" (nuxt.config), so the built server knows them without the source tree.
export async function expectedMigrations(): Promise<string[]> {
  const keys = await useStorage('assets:migrations').getKeys()
  return [...new Set(keys.filter((k) => k.endsWith('migration.sql')).map((k) => k.split(':')[0]!))].sort()
}
