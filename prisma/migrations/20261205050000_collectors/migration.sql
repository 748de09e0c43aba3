-- Collectors (issue 16): where each collector stands (cursors), every fetched snapshot kept until the ingestion API
-- has answered for it (a restart re-posts what is pending: the same bytes, so ingestion answers DUPLICATE rather than
-- storing it twice), and each collector's health for metrics (last success, rows, errors, quota left).

-- CreateTable
CREATE TABLE "collector_cursors" (
    "collector" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collector_cursors_pkey" PRIMARY KEY ("collector","key")
);

-- CreateTable
CREATE TABLE "collector_snapshots" (
    "id" TEXT NOT NULL,
    "collector" TEXT NOT NULL,
    "kind" "IngestKind" NOT NULL,
    "captured_at" TIMESTAMP(3) NOT NULL,
    "source_url" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "body" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "posted_at" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "batch_id" TEXT,
    "ingest_status" TEXT,
    "last_error" TEXT,

    CONSTRAINT "collector_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collector_status" (
    "collector" TEXT NOT NULL,
    "last_run_at" TIMESTAMP(3),
    "last_success_at" TIMESTAMP(3),
    "last_error_at" TIMESTAMP(3),
    "last_error" TEXT,
    "rows_total" BIGINT NOT NULL DEFAULT 0,
    "errors_total" BIGINT NOT NULL DEFAULT 0,
    "quota_remaining" INTEGER,
    "quota_used" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collector_status_pkey" PRIMARY KEY ("collector")
);

-- CreateIndex
CREATE INDEX "collector_snapshots_collector_posted_at_idx" ON "collector_snapshots"("collector", "posted_at");
