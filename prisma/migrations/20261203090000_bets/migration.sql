-- CreateEnum
CREATE TYPE "BetSide" AS ENUM ('OVER', 'UNDER');

-- CreateTable
CREATE TABLE "bets" (
    "id" BIGSERIAL NOT NULL,
    "player_id" INTEGER NOT NULL,
    "game_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "stat" "StatType" NOT NULL,
    "side" "BetSide" NOT NULL,
    "line" DOUBLE PRECISION NOT NULL,
    "price" INTEGER NOT NULL,
    "stake" DOUBLE PRECISION NOT NULL,
    "book" TEXT NOT NULL,
    "taken_at" TIMESTAMP(3) NOT NULL,
    "prediction_id" BIGINT,
    "model_id" TEXT,
    "model_probability" DOUBLE PRECISION,
    "model_expected_value" DOUBLE PRECISION,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "bets_game_date_idx" ON "bets"("game_date");

-- CreateIndex
CREATE INDEX "bets_player_id_game_id_stat_idx" ON "bets"("player_id", "game_id", "stat");
