-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "aggregate_key" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "published_at" TIMESTAMP(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox"("event_id");

-- CreateIndex
CREATE INDEX "outbox_published_at_idx" ON "outbox"("published_at");

-- Pending rows only: what the relay scans (published rows pile up until `propcast gc` removes them).
CREATE INDEX "outbox_pending_idx" ON "outbox"("next_attempt_at", "id") WHERE "published_at" IS NULL;

-- Pending rows of one aggregate in order: the relay publishes only the oldest of each.
CREATE INDEX "outbox_pending_aggregate_idx" ON "outbox"("aggregate_key", "id") WHERE "published_at" IS NULL;
