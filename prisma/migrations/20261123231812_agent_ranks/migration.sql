-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "last_evaluated_month" TEXT,
ADD COLUMN     "months_below_requirement" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "agent_rank_changes" (
    "id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "from_rank" "agent_rank" NOT NULL,
    "to_rank" "agent_rank" NOT NULL,
    "reason" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "evaluated_month" TEXT,
    "annual_sales" INTEGER,
    "actor_user_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_rank_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agent_rank_changes_agent_id_evaluated_month_kind_key" ON "agent_rank_changes"("agent_id", "evaluated_month", "kind");

-- AddForeignKey
ALTER TABLE "agent_rank_changes" ADD CONSTRAINT "agent_rank_changes_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
