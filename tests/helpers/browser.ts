// Chromium for the browser tests: CHROMIUM_PATH or Debian's /usr/bin/chromium. Where none is
// found the tests say so loudly and skip, unless REQUIRE_BROWSER=1 makes that a failure.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && existsSync(p)),
)

if (!chromiumPath) {
  const message = 'NO CHROMIUM FOUND (set CHROMIUM_PATH or apt-get install chromium): browser tests are SKIPPED'
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`${message} — REQUIRE_BROWSER=1 makes this a failure`)
  console.warn(`\n${'!'.repeat(100)}\n!!! ${message}\n${'!'.repeat(100)}\n`)
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}
