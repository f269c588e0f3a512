// The app role's connection pool, which sends a scoped statement's tenant setting with the statement:
// BEGIN, set_config('app.tenant_id', id, true), the statement and COMMIT are written to one
// connection at once (node-postgres pipeline mode) and answered in one round trip instead of four.
// They still form one transaction, so the setting is local to it exactly as before, and a pooler in
// transaction mode (PgBouncer) keeps them on one server connection. Row-level security is unchanged.
// The tenant comes from the tenant extension (server/db/tenancy.ts) through `statementTenant`; a
// statement run outside it carries no tenant, and RLS shows it no tenant row.
import { AsyncLocalStorage } from 'node:async_hooks'
import pg from 'pg'

/** The tenant of the scoped statement being issued, set by the tenant extension around it. */
export const statementTenant = new AsyncLocalStorage<string>()

/** Clients whose pool reads `statementTenant`: only these may skip the per-statement transaction. */
export const statementTenantClients = new WeakSet<object>()

type QueryConfig = pg.QueryConfig & { rowMode?: 'array' }

export function createTenantPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ ...config, pipeline: true } as pg.PoolConfig)
  const plainQuery = pool.query.bind(pool) as (q: QueryConfig) => Promise<pg.QueryResult>
  const scopedQuery = async (query: QueryConfig): Promise<pg.QueryResult> => {
    const tenant = statementTenant.getStore()
    if (tenant === undefined) return plainQuery(query)
    const client = await pool.connect()
    // A checked-out client has no listener of the pool's: a connection the server ends (restart,
    // shutdown) or a write to a dead socket would be an uncaught 'error'. The queries below reject anyway.
    const ignore = () => {}
    client.on('error', ignore)
    // Written together; each awaited so that a failure of one is reported, not left unhandled.
    const replies = [
      client.query('BEGIN'),
      client.query({ text: "SELECT set_config('app.tenant_id', $1, true)", values: [tenant] }),
      client.query(query),
      client.query('COMMIT'), // after a failed statement PostgreSQL answers ROLLBACK
    ]
    const settled = await Promise.allSettled(replies)
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    client.removeListener('error', ignore)
    // A failed statement may leave the connection in any state: it is closed, not reused.
    client.release(failure ? (failure.reason as Error) : undefined)
    if (failure) throw failure.reason
    return (settled[2] as PromiseFulfilledResult<pg.QueryResult>).value
  }
  pool.query = scopedQuery as unknown as pg.Pool['query']
  return pool
}
