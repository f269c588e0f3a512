// ESLint: @nuxt/eslint's flat config for this project (Vue, TypeScript, imports), formatting left to
// Prettier (eslint-config-prettier turns off every rule that would argue with it), plus the layer
// rules that keep the code's shape: routes never reach a database client, screens never import
// server code.
import prettier from 'eslint-config-prettier'
import withNuxt from './.nuxt/eslint.config.mjs'

const DATABASE_CLIENTS = {
  group: ['**/db/index*', '**/db/client*', '**/db/tenancy*', '**/generated/**', '@prisma/*', '~~/server/db/*'],
  message:
    'Routes authorize, validate, call a service and return: database access lives in server/services (see ' +
    'ARCHITECTURE.md, "Style").',
}
const SERVER_CODE = {
  group: ['**/server/**', '~~/server/**', '#server/**'],
  message: 'Screens talk to the server over its API; they never import server code. Shared rules live in shared/.',
}

export default withNuxt(
  {
    ignores: ['server/generated/**', '.output/**', '.nuxt/**', '.data/**', 'test-results/**', 'prisma/migrations/**'],
  },
  {
    rules: {
      // Unused names are errors, except the conventional `_` prefix for intentionally ignored ones.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['server/api/**', 'server/routes/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DATABASE_CLIENTS] }] },
  },
  {
    files: [
      'pages/**',
      'components/**',
      'composables/**',
      'layouts/**',
      'middleware/**',
      'stores/**',
      'app.vue',
      'error.vue',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_CODE] }] },
  },
  prettier,
)
