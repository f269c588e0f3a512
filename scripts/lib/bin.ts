// Runs a package's CLI on this very Node binary (Node 22 from the `node` devDependency), whatever
// `node` the PATH would find: the machines' own Node 20 cannot run Nuxt 4.5 or vitest 5.
import { spawn, spawnSync, type SpawnOptions, type SpawnSyncOptions } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')
const CLIS = { nuxt: 'node_modules/nuxt/bin/nuxt.mjs', vitest: 'node_modules/vitest/vitest.mjs' } as const

export function runCliSync(cli: keyof typeof CLIS, args: string[], options: SpawnSyncOptions = {}) {
  return spawnSync(process.execPath, [join(root, CLIS[cli]), ...args], { cwd: root, ...options })
}

export function runCli(cli: keyof typeof CLIS, args: string[], options: SpawnOptions = {}) {
  return spawn(process.execPath, [join(root, CLIS[cli]), ...args], { cwd: root, ...options })
}
