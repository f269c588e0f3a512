// npm run lint (part): every bare import in the repository names a package declared in package.json,
// and code that ships (everything but tests/, bench/, scripts/ and config files) imports only
// `dependencies`, so an install without devDependencies still builds and runs.
// Usage: node scripts/check-deps.mjs [-v]   (-v lists every package with the files importing it)
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const runtime = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})])
const dev = new Set(Object.keys(pkg.devDependencies ?? {}))
const builtins = new Set(builtinModules)

// Nuxt's and Vitest's virtual modules and the project's own aliases are not packages.
const NOT_PACKAGES = /^(#|~|@\/|virtual:|\.|\/)/
const DEV_ONLY_PATHS = /^(tests|bench|scripts)\/|(^|\/)[^/]*\.config\.[cm]?[jt]s$|^eslint\.config\.mjs$/

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bvi\.mock\s*\(\s*)['"]([^'"\n]+)['"]/g

/** What a module specifier looks like (a package, a path or an alias), as opposed to other quoted text. */
const SPECIFIER = /^(@?[\w.~#-]+)(\/[\w.@~-]+)*$|^[./~#@]/

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

/** Comments are dropped so that an example in a comment is not taken for an import. */
function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

const files = execFileSync(
  'git',
  ['ls-files', '-co', '--exclude-standard', '*.ts', '*.mts', '*.mjs', '*.js', '*.vue'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter((f) => f && !f.startsWith('server/generated/') && !f.startsWith('prisma/migrations/'))

const problems = new Set()
const usage = new Map()
for (const file of files) {
  let source
  try {
    source = readFileSync(join(root, file), 'utf8')
  } catch {
    continue // listed by git but deleted in the working tree
  }
  for (const match of stripComments(source).matchAll(IMPORT)) {
    const specifier = match[1]
    // A word such as `from` followed by a quote in ordinary code is not an import: a specifier looks like one.
    if (!SPECIFIER.test(specifier)) continue
    if (NOT_PACKAGES.test(specifier) || specifier.startsWith('node:')) continue
    const name = packageName(specifier)
    if (builtins.has(name)) continue
    if (!usage.has(name)) usage.set(name, new Set())
    usage.get(name).add(file)
    if (!runtime.has(name) && !dev.has(name)) problems.add(`${file}: imports "${name}", not in package.json`)
    else if (!runtime.has(name) && !DEV_ONLY_PATHS.test(file))
      problems.add(`${file}: imports "${name}", which is only a devDependency (shipped code needs a dependency)`)
  }
}

if (process.argv.includes('-v'))
  for (const [name, where] of [...usage].sort())
    console.log(`${name.padEnd(36)} ${where.size} file(s): ${[...where].slice(0, 3).join(', ')}`)

for (const problem of problems) console.error(problem)
console.log(`check-deps: ${usage.size} packages imported by ${files.length} files, ${problems.size} problem(s)`)
process.exit(problems.size ? 1 : 0)
