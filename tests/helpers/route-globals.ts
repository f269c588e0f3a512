// Route files call Nitro's auto-imported defineEventHandler at module top level. A unit test that
// reads their `meta` (the OpenAPI document) imports them outside Nitro: there it is the identity.
const scope = globalThis as Record<string, unknown>
scope.defineEventHandler ??= (handler: unknown) => handler
