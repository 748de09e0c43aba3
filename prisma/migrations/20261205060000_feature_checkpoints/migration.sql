-- CreateTable: the feature walk's saved state (rolling windows, EMAs, team states, rosters) per feature set and date,
-- so that appending or correcting a day recomputes from the nearest checkpoint before it instead of all history
CREATE TABLE "feature_checkpoints" (
    "feature_set_id" TEXT NOT NULL,
    "through_date" DATE NOT NULL,
    "definition_hash" TEXT NOT NULL,
    "state_format" INTEGER NOT NULL,
    "roster_games" INTEGER NOT NULL,
    "state" BYTEA NOT NULL,
    "state_bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feature_checkpoints_pkey" PRIMARY KEY ("feature_set_id","through_date")
);

-- The state is stored deflated already: keep Postgres from compressing it again
ALTER TABLE "feature_checkpoints" ALTER COLUMN "state" SET STORAGE EXTERNAL;
