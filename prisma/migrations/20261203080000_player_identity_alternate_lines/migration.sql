-- Player identity across name-only feeds: aliases users add (a feed's name for a stored player, for one book or all),
-- and on each prop line how its player was matched and under which name.
-- Alternate lines: one book may price several lines of a prop in one snapshot; all are kept, the one priced closest
-- to even is the book's main line.

-- CreateTable
CREATE TABLE "player_aliases" (
    "id" SERIAL NOT NULL,
    "alias" TEXT NOT NULL,
    "player_id" INTEGER NOT NULL,
    "book" TEXT NOT NULL DEFAULT '',
    "created_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "player_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "player_aliases_alias_book_key" ON "player_aliases"("alias", "book");

-- CreateIndex
CREATE INDEX "player_aliases_player_id_idx" ON "player_aliases"("player_id");

-- AddForeignKey
ALTER TABLE "player_aliases" ADD CONSTRAINT "player_aliases_player_id_fkey" FOREIGN KEY ("player_id") REFERENCES "players"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "prop_lines" ADD COLUMN "is_main" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "match_reason" TEXT,
ADD COLUMN "feed_player_name" TEXT;

-- DropIndex
DROP INDEX "prop_lines_player_id_game_id_stat_book_captured_at_key";

-- CreateIndex
CREATE UNIQUE INDEX "prop_lines_player_id_game_id_stat_book_captured_at_line_key" ON "prop_lines"("player_id", "game_id", "stat", "book", "captured_at", "line");
