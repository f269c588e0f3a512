// The migrations this build expects: nuxt.config reads prisma/migrations at build time into the
// virtual module #migrations.
import migrations from '#migrations'

export const MIGRATIONS: string[] = migrations
