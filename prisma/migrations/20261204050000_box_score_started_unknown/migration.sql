-- AlterTable: a box score whose source says nothing of starters (game logs without START_POSITION) stores started
-- as NULL (unknown), not false (bench), so the v2 role features see "unknown" instead of "never starts"
ALTER TABLE "player_game_stats" ALTER COLUMN "started" DROP NOT NULL;
