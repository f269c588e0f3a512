import { defineConfig } from 'prisma/config'

// The CLI is used for `prisma generate` only; migrations run through scripts/db.ts, which drives
// Prisma's schema engine compiled to WebAssembly (no native engine download needed).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/omotenasu' },
})
