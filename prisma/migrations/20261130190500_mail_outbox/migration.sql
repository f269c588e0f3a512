-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('pending', 'sent', 'outbox', 'failed');

-- CreateTable
CREATE TABLE "mail_messages" (
    "id" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'ja',
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT,
    "status" "MailStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "mail_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "mail_messages_status_next_attempt_at_idx" ON "mail_messages"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "mail_messages_to_address_created_at_idx" ON "mail_messages"("to_address", "created_at");

-- CreateIndex
CREATE INDEX "mail_messages_created_at_idx" ON "mail_messages"("created_at");

-- Not a tenant table, and it holds live password-reset and invitation links until they are sent:
-- the app role (hotel routes) gets no privilege on it; only omotenasu_privileged (default
-- privileges) reads and writes it. The default privileges already give the app role nothing since
-- *_app_role_grants; the REVOKE says so here too, in case those defaults ever change.
REVOKE ALL ON "mail_messages" FROM omotenasu_app;
