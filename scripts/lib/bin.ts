// Runs a package's CLI on this very Node binary (Node 22 from the `node` devDependency), whatever
// `node` the PATH would find: the machines' own Node 20 cannot run Nuxt 4.5 or vitest 5.
import { spawn, spawnSync, type SpawnOptions, type SpawnSyncOptions } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')
const CLIS = { nuxt: 'node_modules/nuxt/bin/nuxt.mjs', vitest: 'node_modules/vitest/vitest.mjs' } as const

export function runCliSync(cli: keyof typeof CLIS, args: string[], options: SpawnSyncOptions = {}) {
  return spawnSync(process.execPath, [join(root, CLIS[cli]), ...args], { cwd: root, ...options })
}

/**
 * Runs a CLI to its end without blocking this process's event loop, and resolves to its exit code.
 * Use it whenever this process started the embedded PostgreSQL: the server writes its log to a pipe
 * that this process reads, and a spawnSync leaves it unread; once the pipe's 64 KB are full every
 * backend that logs (each statement error does) stops until the pipe drains, which is never.
 */
export function runCliToEnd(cli: keyof typeof CLIS, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = runCli(cli, args, options)
    child.once('error', reject)
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

export function runCli(cli: keyof typeof CLIS, args: string[], options: SpawnOptions = {}) {
  return spawn(process.execPath, [join(root, CLIS[cli]), ...args], { cwd: root, ...options })
}
