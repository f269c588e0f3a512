// Whether .output was built after the last change to any source (npm start and the fuzz suite
// reuse a current build instead of spending ~40 s on another).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './database.ts'

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'generated') continue
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

export function buildIsCurrent(): boolean {
  const marker = join(root, '.output', 'nitro.json')
  if (!existsSync(marker)) return false
  const built = statSync(marker).mtimeMs
  const sources = [
    'pages',
    'components',
    'composables',
    'layouts',
    'middleware',
    'plugins',
    'server',
    'shared',
    'stores',
    'i18n',
    'assets',
    'prisma',
  ]
    .filter((d) => existsSync(join(root, d)))
    .map((d) => newestSource(join(root, d)))
  const files = ['nuxt.config.ts', 'app.vue', 'error.vue', 'app.config.ts']
    .filter((f) => existsSync(join(root, f)))
    .map((f) => statSync(join(root, f)).mtimeMs)
  return Math.max(...sources, ...files) < built
}
