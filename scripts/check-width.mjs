// npm run lint (part): no line of code wider than Prettier's printWidth (120). Prettier does not
// break long strings or comments, and counts a CJK character as one column where a terminal and an
// editor show two: this counts East Asian wide and fullwidth characters as 2.
// Usage: node scripts/check-width.mjs [-v]   (-v lists every long line as file:line: width)
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { eastAsianWidthType } from 'get-east-asian-width'

const root = join(import.meta.dirname, '..')
const WIDTH = JSON.parse(readFileSync(join(root, '.prettierrc.json'), 'utf8')).printWidth ?? 80
const PATTERNS = ['*.ts', '*.mts', '*.mjs', '*.js', '*.vue']

export function displayWidth(line) {
  let width = 0
  for (const char of line) {
    const type = eastAsianWidthType(char.codePointAt(0))
    width += type === 'wide' || type === 'fullwidth' ? 2 : 1
  }
  return width
}

const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', ...PATTERNS], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && !f.startsWith('server/generated/'))

const long = []
for (const file of files) {
  let text
  try {
    text = readFileSync(join(root, file), 'utf8')
  } catch {
    continue // listed by git but deleted in the working tree
  }
  text.split('\n').forEach((line, i) => {
    const width = displayWidth(line)
    if (width > WIDTH) long.push(`${file}:${i + 1}: ${width}`)
  })
}

if (process.argv.includes('-v')) for (const line of long) console.error(line)
console.log(
  `check-width: ${long.length} line(s) over ${WIDTH} columns in ${files.length} files` +
    (long.length && !process.argv.includes('-v') ? ' (-v lists them)' : ''),
)
process.exit(long.length ? 1 : 0)
