-- CreateTable
CREATE TABLE "player_merges" (
    "id" TEXT NOT NULL,
    "from_player_id" INTEGER NOT NULL,
    "into_player_id" INTEGER NOT NULL,
    "from_name" TEXT NOT NULL,
    "reason" TEXT,
    "rows" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "player_merges_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "player_merges_into_player_id_idx" ON "player_merges"("into_player_id");
