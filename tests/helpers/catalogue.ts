// What the database itself says about its tables, for tests that must not take their lists from the
// code under test: the tenant tables are the tables with a tenant_id column (nullable or not) plus
// tenants; models map to tables through the generated client's own data model.
import type { PrismaClient } from '../../server/db/client'

export const APP_ROLE = 'omotenasu_app'

interface DataModel {
  models: Record<string, { dbName: string | null }>
}
const dataModel = (client: PrismaClient) => (client as unknown as { _runtimeDataModel: DataModel })._runtimeDataModel

/** Every table of the public schema (Prisma's own _prisma_migrations included). */
export async function publicTables(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1`
  return rows.map((r) => r.name)
}

/** The tenant tables: every table with a tenant_id column, plus tenants. */
export async function tenantTablesInCatalogue(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname =
        'tenant_id' AND NOT a.attisdropped))
    ORDER BY 1`
  return rows.map((r) => r.name)
}

export function tableOfModel(client: PrismaClient, model: string): string {
  const m = dataModel(client).models[model]
  if (!m) throw new Error(`No model ${model} in the generated client`)
  return m.dbName ?? model
}

export function modelOfTable(client: PrismaClient, table: string): string {
  const found = Object.entries(dataModel(client).models).find(([name, m]) => (m.dbName ?? name) === table)
  if (!found) throw new Error(`No model maps to table ${table}`)
  return found[0]
}
