import { defineVitestProject } from '@nuxt/test-utils/config'
import { defineConfig } from 'vitest/config'

// Four projects: unit (pure rules, no database), nuxt (components mounted in a Nuxt runtime under
// happy-dom, @nuxt/test-utils), integration (real PostgreSQL, a fresh database per run), e2e (the
// built app over HTTP and in Chromium). `npm test` (scripts/test.ts) prepares
// the database and the app, then runs them all. A fourth, fuzz (the built app over HTTP, a few
// minutes), exists only under TEST_FUZZ=1, which `npm run test:fuzz` sets: `npm test` never runs it.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      // The first (cold) run transforms the whole Nuxt app: hooks get two minutes.
      await defineVitestProject({
        test: {
          name: 'nuxt',
          include: ['tests/nuxt/**/*.test.ts'],
          environment: 'nuxt',
          environmentOptions: { nuxt: { domEnvironment: 'happy-dom' } },
          isolate: false, // one Nuxt runtime for all files: about 3 s less per file
          hookTimeout: 120_000,
          testTimeout: 30_000,
        },
      }),
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      // expect.poll waits up to 15 s: pages hydrate slower on a loaded 2-core CI machine.
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
      ...(process.env.TEST_FUZZ
        ? [
            {
              test: {
                name: 'fuzz',
                include: ['tests/fuzz/**/*.test.ts'],
                environment: 'node',
                testTimeout: 600_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
      // Faults on purpose (app killed mid-transaction, PostgreSQL stopped, vendors failing): only
      // under TEST_RELIABILITY=1 (`npm run test:reliability`, scripts/test-reliability.ts).
      ...(process.env.TEST_RELIABILITY
        ? [
            {
              test: {
                name: 'reliability',
                include: ['tests/reliability/**/*.test.ts'],
                environment: 'node',
                testTimeout: 240_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
      // Two instances behind nginx and PgBouncer: only under TEST_CLUSTER=1 (`npm run test:cluster`).
      ...(process.env.TEST_CLUSTER
        ? [
            {
              test: {
                name: 'cluster',
                include: ['tests/cluster/**/*.test.ts'],
                environment: 'node',
                testTimeout: 60_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
})
