// JSON read back from the system under test (HTTP bodies, the OpenAPI document, Stripe objects,
// Prisma delegates called generically). Tests walk it freely and their assertions check its shape,
// so it is deliberately untyped — here, once, instead of `any` spread through the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any
