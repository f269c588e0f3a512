// npm run openapi:routes — writes server/openapi/routes.ts, the index of the route files whose
// `meta` the OpenAPI document collects. Run it after adding, renaming or removing a route file.
import { globSync, writeFileSync } from 'node:fs'
import { renderRouteIndex } from '../server/openapi/route-index.ts'

const files = globSync('server/api/{v1,webhooks}/**/*.ts')
writeFileSync('server/openapi/routes.ts', renderRouteIndex(files))
console.log(`server/openapi/routes.ts: ${files.length} route files`)
