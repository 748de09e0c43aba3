-- CreateTable: when the rows of one game were last recomputed alone (an availability import recomputes only the games
-- it reports on): every row of the game reflects every commit before computed_as_of. The coordinator starts a news
-- re-prediction once the news' games are computed after the news (or its whole date is).
CREATE TABLE "feature_game_runs" (
    "feature_set_id" TEXT NOT NULL,
    "game_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "computed_as_of" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "feature_game_runs_pkey" PRIMARY KEY ("feature_set_id","game_id")
);
