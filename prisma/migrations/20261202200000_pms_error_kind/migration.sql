-- AlterTable
ALTER TABLE "pms_integrations" ADD COLUMN     "last_error_kind" TEXT;

-- The hotel's PMS page reads it (column-level grants: 20261130183203_app_role_grants).
GRANT SELECT ("last_error_kind") ON "pms_integrations" TO omotenasu_app;
