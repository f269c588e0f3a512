// Generates the Prisma client offline. `prisma generate` never needs the native schema engine,
// but the CLI tries to download it on start; a stub that is never executed satisfies that check.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const stubDir = join(import.meta.dirname, '..', 'node_modules', '.cache', 'omotenasu')
const stub = join(stubDir, 'schema-engine-stub')
mkdirSync(stubDir, { recursive: true })
writeFileSync(stub, '#!/bin/sh\necho "schema engine stub: use npm run db:* scripts" >&2\nexit 1\n')
chmodSync(stub, 0o755)

const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
})
process.exit(result.status ?? 1)
