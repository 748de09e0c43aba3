-- CreateTable: when each date of a feature set was last computed (the database clock at its run's start). Runs now
-- write only the rows whose bytes changed, so a row's computed_at says when its content last changed, and this
-- table says up to when every row of the date is known current (bulk-import skips and currency read it).
CREATE TABLE "feature_date_runs" (
    "feature_set_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "computed_as_of" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "feature_date_runs_pkey" PRIMARY KEY ("feature_set_id","game_date")
);

-- Dates computed before this migration: their oldest row's stamp (what the previous queries read).
INSERT INTO "feature_date_runs" ("feature_set_id", "game_date", "computed_as_of")
SELECT "feature_set_id", "game_date", min("computed_at") FROM "feature_rows" GROUP BY 1, 2;
