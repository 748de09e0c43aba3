-- AlterEnum
ALTER TYPE "IngestKind" ADD VALUE 'AVAILABILITY';
ALTER TYPE "IngestKind" ADD VALUE 'GAME_LINES';

-- CreateEnum
CREATE TYPE "AvailabilityStatus" AS ENUM ('OUT', 'DOUBTFUL', 'QUESTIONABLE', 'PROBABLE', 'AVAILABLE');

-- CreateEnum
CREATE TYPE "AvailabilitySource" AS ENUM ('REPORT', 'BOXSCORE');

-- AlterTable
ALTER TABLE "player_game_stats" ADD COLUMN "comment" TEXT;

-- CreateTable
CREATE TABLE "availability_reports" (
    "id" BIGSERIAL NOT NULL,
    "player_id" INTEGER NOT NULL,
    "team_id" INTEGER NOT NULL,
    "game_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "status" "AvailabilityStatus" NOT NULL,
    "reason" TEXT,
    "reported_at" TIMESTAMP(3) NOT NULL,
    "source" "AvailabilitySource" NOT NULL,
    "batch_id" TEXT NOT NULL,

    CONSTRAINT "availability_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "game_lines" (
    "id" BIGSERIAL NOT NULL,
    "game_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "book" TEXT NOT NULL,
    "home_spread" DOUBLE PRECISION,
    "total" DOUBLE PRECISION,
    "home_moneyline" INTEGER,
    "away_moneyline" INTEGER,
    "captured_at" TIMESTAMP(3) NOT NULL,
    "batch_id" TEXT NOT NULL,

    CONSTRAINT "game_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "availability_reports_player_id_game_id_source_reported_at_key" ON "availability_reports"("player_id", "game_id", "source", "reported_at");

-- CreateIndex
CREATE INDEX "availability_reports_game_date_idx" ON "availability_reports"("game_date");

-- CreateIndex
CREATE INDEX "availability_reports_game_id_team_id_idx" ON "availability_reports"("game_id", "team_id");

-- CreateIndex
CREATE UNIQUE INDEX "game_lines_game_id_book_captured_at_key" ON "game_lines"("game_id", "book", "captured_at");

-- CreateIndex
CREATE INDEX "game_lines_game_date_idx" ON "game_lines"("game_date");
