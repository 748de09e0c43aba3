-- Who asked, by API key name (issue 13: the audit actor comes from the key, never from request text).
-- Nullable: rows written in-process (CLI, events, schedules) have no API caller.
ALTER TABLE "ingest_batches" ADD COLUMN "actor" TEXT;
ALTER TABLE "training_runs" ADD COLUMN "actor" TEXT;
