// Summarizes a V8 .cpuprofile (node --cpu-prof): self time by package (node_modules/<name>, our
// server code, node internals, garbage collection) and by function, as percentages of all samples.
interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples?: number[]
}

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)'
  if (url.startsWith('node:')) return 'node internals'
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (nm) return nm[1]!
  if (url.includes('/.output/server/chunks/')) return 'app bundle (.output/server/chunks: Nitro, Vue render, our code)'
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/')
}

export function summarizeCpuProfile(profile: CpuProfile) {
  const hits = new Map<number, number>()
  for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1)
  let total = 0
  const byPackage = new Map<string, number>()
  const byFunction = new Map<string, number>()
  for (const node of profile.nodes) {
    const n = hits.get(node.id) ?? node.hitCount ?? 0
    if (!n) continue
    const { functionName, url, lineNumber } = node.callFrame
    if (functionName === '(idle)' || functionName === '(program)') continue
    total += n
    const pkg = packageOf(url, functionName)
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + n)
    const where = url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''
    const name = `${functionName || '(anonymous)'} ${where}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + n)
  }
  const rank = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, percent: +((100 * n) / total).toFixed(2) }))
  return { samples: total, byPackage: rank(byPackage), byFunction: rank(byFunction) }
}
