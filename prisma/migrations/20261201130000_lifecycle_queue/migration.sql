-- CreateEnum
CREATE TYPE "HqTaskStatus" AS ENUM ('open', 'closed');

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "hq_contact_user_id" TEXT;

-- CreateTable
CREATE TABLE "churn_scores" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "scored_on" DATE NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "churn_scores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hq_tasks" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "status" "HqTaskStatus" NOT NULL DEFAULT 'open',
    "due_for" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "assignee_user_id" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by_user_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "hq_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hq_task_comments" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "author_user_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hq_task_comments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "churn_scores_tenant_id_scored_on_key" ON "churn_scores"("tenant_id", "scored_on");

-- CreateIndex
CREATE INDEX "hq_tasks_status_urgent_created_at_idx" ON "hq_tasks"("status", "urgent", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "hq_tasks_tenant_id_kind_due_for_key" ON "hq_tasks"("tenant_id", "kind", "due_for");

-- CreateIndex
CREATE INDEX "hq_task_comments_task_id_created_at_idx" ON "hq_task_comments"("task_id", "created_at");

-- AddForeignKey
ALTER TABLE "hq_task_comments" ADD CONSTRAINT "hq_task_comments_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "hq_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant tables of HQ's lifecycle work: RLS forced like every tenant table; the app role may read its
-- own hotel's rows and write none (the churn job and HQ write through privilegedDb).
GRANT SELECT ON "churn_scores", "hq_tasks" TO omotenasu_app;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['churn_scores', 'hq_tasks']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = current_setting('app.tenant_id', true))
      WITH CHECK (tenant_id = current_setting('app.tenant_id', true))$p$, t);
  END LOOP;
END
$$;

-- The durable queue (pg-boss, server/services/queue.ts) keeps its tables in its own schema, outside
-- `public` and so outside schema.prisma and `npm run db:check`. The privileged role owns the schema:
-- pg-boss installs and upgrades its tables there at start-up (createSchema: false, since that role may
-- not create schemas). The app role gets nothing in it.
CREATE SCHEMA IF NOT EXISTS pgboss AUTHORIZATION omotenasu_privileged;
REVOKE ALL ON SCHEMA pgboss FROM PUBLIC;
