-- AlterTable: the availability news (AVAILABILITY ingest batch) that started a re-prediction batch
ALTER TABLE "prediction_batches" ADD COLUMN     "cause_batch_id" TEXT;

-- CreateTable: availability reports that changed players' statuses on a predicted date, the teammates they affect,
-- and the re-prediction batch started once the date's features were recomputed after them
CREATE TABLE "availability_news" (
    "cause_batch_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "changes" JSONB NOT NULL,
    "player_ids" INTEGER[],
    "committed_at" TIMESTAMP(3) NOT NULL,
    "prediction_batch_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),

    CONSTRAINT "availability_news_pkey" PRIMARY KEY ("cause_batch_id")
);

-- CreateIndex
CREATE INDEX "availability_news_game_date_idx" ON "availability_news"("game_date");
