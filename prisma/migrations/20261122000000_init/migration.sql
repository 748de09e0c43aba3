-- CreateEnum
CREATE TYPE "SeasonType" AS ENUM ('PRESEASON', 'REGULAR', 'PLAYOFFS', 'PLAYIN');

-- CreateEnum
CREATE TYPE "GameStatus" AS ENUM ('SCHEDULED', 'FINAL');

-- CreateEnum
CREATE TYPE "StatType" AS ENUM ('POINTS', 'REBOUNDS', 'ASSISTS', 'THREES', 'PRA');

-- CreateEnum
CREATE TYPE "IngestKind" AS ENUM ('BOX_SCORES', 'SCHEDULE', 'PROPS');

-- CreateEnum
CREATE TYPE "IngestStatus" AS ENUM ('ACCEPTED', 'PARTIAL', 'REJECTED', 'DUPLICATE');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('CANDIDATE', 'STAGING', 'PRODUCTION', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "ModelRole" AS ENUM ('PRIMARY', 'CHALLENGER', 'SHADOW');

-- CreateEnum
CREATE TYPE "TrainingRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "BatchState" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'STALLED');

-- CreateEnum
CREATE TYPE "JobState" AS ENUM ('QUEUED', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "Recommendation" AS ENUM ('OVER', 'UNDER', 'PASS');

-- CreateEnum
CREATE TYPE "LineOutcome" AS ENUM ('OVER', 'UNDER', 'PUSH', 'VOID');

-- CreateEnum
CREATE TYPE "BetResult" AS ENUM ('WIN', 'LOSS', 'PUSH', 'VOID', 'NO_BET');

-- CreateTable
CREATE TABLE "teams" (
    "id" INTEGER NOT NULL,
    "abbreviation" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "players" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "normalized_name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "players_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "games" (
    "id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "season" TEXT NOT NULL,
    "season_type" "SeasonType" NOT NULL,
    "home_team_id" INTEGER NOT NULL,
    "away_team_id" INTEGER NOT NULL,
    "status" "GameStatus" NOT NULL DEFAULT 'SCHEDULED',
    "tipoff_at" TIMESTAMP(3),
    "home_score" INTEGER,
    "away_score" INTEGER,
    "batch_id" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "games_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "player_game_stats" (
    "id" BIGSERIAL NOT NULL,
    "player_id" INTEGER NOT NULL,
    "game_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "team_id" INTEGER NOT NULL,
    "opponent_team_id" INTEGER NOT NULL,
    "is_home" BOOLEAN NOT NULL,
    "started" BOOLEAN NOT NULL DEFAULT false,
    "dnp" BOOLEAN NOT NULL DEFAULT false,
    "minutes" DOUBLE PRECISION NOT NULL,
    "fgm" INTEGER,
    "fga" INTEGER,
    "fg3m" INTEGER,
    "fg3a" INTEGER,
    "ftm" INTEGER,
    "fta" INTEGER,
    "oreb" INTEGER,
    "dreb" INTEGER,
    "reb" INTEGER,
    "ast" INTEGER,
    "stl" INTEGER,
    "blk" INTEGER,
    "tov" INTEGER,
    "pf" INTEGER,
    "pts" INTEGER,
    "plus_minus" INTEGER,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "batch_id" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "player_game_stats_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stat_corrections" (
    "id" BIGSERIAL NOT NULL,
    "player_id" INTEGER NOT NULL,
    "game_id" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    "previous" JSONB NOT NULL,
    "current" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stat_corrections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prop_lines" (
    "id" BIGSERIAL NOT NULL,
    "player_id" INTEGER NOT NULL,
    "game_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "stat" "StatType" NOT NULL,
    "line" DOUBLE PRECISION NOT NULL,
    "over_price" INTEGER,
    "under_price" INTEGER,
    "book" TEXT NOT NULL,
    "captured_at" TIMESTAMP(3) NOT NULL,
    "batch_id" TEXT NOT NULL,

    CONSTRAINT "prop_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_batches" (
    "id" TEXT NOT NULL,
    "kind" "IngestKind" NOT NULL,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "artifact_uri" TEXT NOT NULL,
    "status" "IngestStatus" NOT NULL,
    "rows_total" INTEGER NOT NULL DEFAULT 0,
    "rows_accepted" INTEGER NOT NULL DEFAULT 0,
    "rows_rejected" INTEGER NOT NULL DEFAULT 0,
    "rows_inserted" INTEGER NOT NULL DEFAULT 0,
    "rows_updated" INTEGER NOT NULL DEFAULT 0,
    "rows_unchanged" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "flags" JSONB,
    "game_dates" TEXT[],
    "reject_uri" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "ingest_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feature_sets" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "feature_names" TEXT[],
    "definition_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feature_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feature_rows" (
    "id" BIGSERIAL NOT NULL,
    "feature_set_id" TEXT NOT NULL,
    "player_id" INTEGER NOT NULL,
    "game_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "team_id" INTEGER NOT NULL,
    "opponent_team_id" INTEGER NOT NULL,
    "cutoff_at" TIMESTAMP(3) NOT NULL,
    "values" BYTEA NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feature_rows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feature_backfills" (
    "id" TEXT NOT NULL,
    "feature_set_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "from_date" DATE,
    "to_date" DATE,
    "last_done_date" DATE,
    "dates_total" INTEGER NOT NULL DEFAULT 0,
    "dates_done" INTEGER NOT NULL DEFAULT 0,
    "rows_written" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "feature_backfills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processor_completions" (
    "processor" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "feature_set_id" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "completed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processor_completions_pkey" PRIMARY KEY ("processor","game_date","feature_set_id")
);

-- CreateTable
CREATE TABLE "models" (
    "id" TEXT NOT NULL,
    "stat" "StatType" NOT NULL,
    "version" INTEGER NOT NULL,
    "feature_set_id" TEXT NOT NULL,
    "feature_names" TEXT[],
    "objective" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "artifact_uri" TEXT NOT NULL,
    "artifact_sha256" TEXT NOT NULL,
    "native_uri" TEXT NOT NULL,
    "metadata_uri" TEXT NOT NULL,
    "train_from" DATE NOT NULL,
    "train_to" DATE NOT NULL,
    "dataset_fingerprint" TEXT NOT NULL,
    "metrics" JSONB NOT NULL,
    "baselines" JSONB NOT NULL,
    "status" "ModelStatus" NOT NULL DEFAULT 'CANDIDATE',
    "role" "ModelRole" NOT NULL DEFAULT 'PRIMARY',
    "traffic_weight" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "status_reason" TEXT,
    "training_run_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promoted_at" TIMESTAMP(3),

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_events" (
    "id" BIGSERIAL NOT NULL,
    "model_id" TEXT NOT NULL,
    "stat" "StatType" NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" "ModelStatus",
    "to_status" "ModelStatus" NOT NULL,
    "role" "ModelRole" NOT NULL DEFAULT 'PRIMARY',
    "traffic_weight" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "actor" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_runs" (
    "id" TEXT NOT NULL,
    "stat" "StatType" NOT NULL,
    "status" "TrainingRunStatus" NOT NULL DEFAULT 'QUEUED',
    "trigger" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "progress_message" TEXT,
    "trials" JSONB,
    "error" TEXT,
    "model_id" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "training_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_locks" (
    "stat" "StatType" NOT NULL,
    "run_id" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "acquired_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "training_locks_pkey" PRIMARY KEY ("stat")
);

-- CreateTable
CREATE TABLE "prediction_batches" (
    "id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "state" "BatchState" NOT NULL DEFAULT 'PENDING',
    "trigger" TEXT NOT NULL,
    "stats" "StatType"[],
    "player_ids" INTEGER[],
    "requested" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "failures" JSONB,
    "model_versions" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "last_progress_at" TIMESTAMP(3),
    "ready_published_at" TIMESTAMP(3),

    CONSTRAINT "prediction_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prediction_jobs" (
    "id" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    "stat" "StatType" NOT NULL,
    "requests" JSONB NOT NULL,
    "request_count" INTEGER NOT NULL,
    "state" "JobState" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "prediction_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "predictions" (
    "id" BIGSERIAL NOT NULL,
    "batch_id" TEXT NOT NULL,
    "player_id" INTEGER NOT NULL,
    "game_id" TEXT NOT NULL,
    "game_date" DATE NOT NULL,
    "stat" "StatType" NOT NULL,
    "model_id" TEXT NOT NULL,
    "model_version" INTEGER NOT NULL,
    "role" "ModelRole" NOT NULL,
    "book" TEXT NOT NULL DEFAULT '',
    "predicted_mean" DOUBLE PRECISION NOT NULL,
    "line" DOUBLE PRECISION,
    "over_price" INTEGER,
    "under_price" INTEGER,
    "over_probability" DOUBLE PRECISION,
    "market_over_probability" DOUBLE PRECISION,
    "edge" DOUBLE PRECISION,
    "expected_value" DOUBLE PRECISION,
    "kelly_fraction" DOUBLE PRECISION,
    "confidence" DOUBLE PRECISION,
    "recommendation" "Recommendation" NOT NULL DEFAULT 'PASS',
    "flags" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "predictions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grades" (
    "id" BIGSERIAL NOT NULL,
    "prediction_id" BIGINT NOT NULL,
    "actual" DOUBLE PRECISION,
    "error" DOUBLE PRECISION,
    "outcome" "LineOutcome",
    "result" "BetResult" NOT NULL DEFAULT 'NO_BET',
    "profit" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "graded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "grades_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grade_summaries" (
    "model_id" TEXT NOT NULL,
    "stat" "StatType" NOT NULL,
    "game_date" DATE NOT NULL,
    "n" INTEGER NOT NULL,
    "mae" DOUBLE PRECISION,
    "hit_rate" DOUBLE PRECISION,
    "bets" INTEGER NOT NULL DEFAULT 0,
    "roi" DOUBLE PRECISION,
    "coverage" DOUBLE PRECISION,
    "brier" DOUBLE PRECISION,
    "ece" DOUBLE PRECISION,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "grade_summaries_pkey" PRIMARY KEY ("model_id","stat","game_date")
);

-- CreateTable
CREATE TABLE "drift_reports" (
    "id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "stat" "StatType" NOT NULL,
    "window_from" DATE NOT NULL,
    "window_to" DATE NOT NULL,
    "feature_drift" JSONB NOT NULL,
    "prediction_drift" JSONB,
    "performance" JSONB,
    "max_psi" DOUBLE PRECISION NOT NULL,
    "mae_ratio" DOUBLE PRECISION,
    "retrain_requested" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drift_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_messages" (
    "consumer" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_messages_pkey" PRIMARY KEY ("consumer","message_id")
);

-- CreateTable
CREATE TABLE "trigger_records" (
    "game_date" DATE NOT NULL,
    "processor" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trigger_records_pkey" PRIMARY KEY ("game_date","processor")
);

-- CreateIndex
CREATE UNIQUE INDEX "teams_abbreviation_key" ON "teams"("abbreviation");

-- CreateIndex
CREATE INDEX "players_normalized_name_idx" ON "players"("normalized_name");

-- CreateIndex
CREATE INDEX "games_game_date_idx" ON "games"("game_date");

-- CreateIndex
CREATE INDEX "player_game_stats_player_id_game_date_idx" ON "player_game_stats"("player_id", "game_date");

-- CreateIndex
CREATE INDEX "player_game_stats_game_date_idx" ON "player_game_stats"("game_date");

-- CreateIndex
CREATE INDEX "player_game_stats_team_id_game_date_idx" ON "player_game_stats"("team_id", "game_date");

-- CreateIndex
CREATE UNIQUE INDEX "player_game_stats_player_id_game_id_key" ON "player_game_stats"("player_id", "game_id");

-- CreateIndex
CREATE INDEX "stat_corrections_player_id_game_id_idx" ON "stat_corrections"("player_id", "game_id");

-- CreateIndex
CREATE INDEX "prop_lines_game_date_idx" ON "prop_lines"("game_date");

-- CreateIndex
CREATE INDEX "prop_lines_player_id_game_id_stat_captured_at_idx" ON "prop_lines"("player_id", "game_id", "stat", "captured_at");

-- CreateIndex
CREATE UNIQUE INDEX "prop_lines_player_id_game_id_stat_book_captured_at_key" ON "prop_lines"("player_id", "game_id", "stat", "book", "captured_at");

-- CreateIndex
CREATE INDEX "ingest_batches_sha256_idx" ON "ingest_batches"("sha256");

-- CreateIndex
CREATE INDEX "ingest_batches_created_at_idx" ON "ingest_batches"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "feature_sets_name_version_key" ON "feature_sets"("name", "version");

-- CreateIndex
CREATE INDEX "feature_rows_feature_set_id_game_date_idx" ON "feature_rows"("feature_set_id", "game_date");

-- CreateIndex
CREATE UNIQUE INDEX "feature_rows_feature_set_id_player_id_game_id_key" ON "feature_rows"("feature_set_id", "player_id", "game_id");

-- CreateIndex
CREATE INDEX "models_stat_status_idx" ON "models"("stat", "status");

-- CreateIndex
CREATE UNIQUE INDEX "models_stat_version_key" ON "models"("stat", "version");

-- CreateIndex
CREATE INDEX "model_events_stat_occurred_at_idx" ON "model_events"("stat", "occurred_at");

-- CreateIndex
CREATE INDEX "training_runs_stat_started_at_idx" ON "training_runs"("stat", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "prediction_batches_game_date_attempt_key" ON "prediction_batches"("game_date", "attempt");

-- CreateIndex
CREATE INDEX "prediction_jobs_batch_id_state_idx" ON "prediction_jobs"("batch_id", "state");

-- CreateIndex
CREATE INDEX "predictions_batch_id_idx" ON "predictions"("batch_id");

-- CreateIndex
CREATE INDEX "predictions_game_date_stat_idx" ON "predictions"("game_date", "stat");

-- CreateIndex
CREATE UNIQUE INDEX "predictions_batch_id_player_id_game_id_stat_model_id_book_key" ON "predictions"("batch_id", "player_id", "game_id", "stat", "model_id", "book");

-- CreateIndex
CREATE UNIQUE INDEX "grades_prediction_id_key" ON "grades"("prediction_id");

-- CreateIndex
CREATE INDEX "drift_reports_stat_created_at_idx" ON "drift_reports"("stat", "created_at");

-- AddForeignKey
ALTER TABLE "games" ADD CONSTRAINT "games_home_team_id_fkey" FOREIGN KEY ("home_team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "games" ADD CONSTRAINT "games_away_team_id_fkey" FOREIGN KEY ("away_team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "player_game_stats" ADD CONSTRAINT "player_game_stats_player_id_fkey" FOREIGN KEY ("player_id") REFERENCES "players"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "player_game_stats" ADD CONSTRAINT "player_game_stats_game_id_fkey" FOREIGN KEY ("game_id") REFERENCES "games"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_events" ADD CONSTRAINT "model_events_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prediction_jobs" ADD CONSTRAINT "prediction_jobs_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "prediction_batches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grades" ADD CONSTRAINT "grades_prediction_id_fkey" FOREIGN KEY ("prediction_id") REFERENCES "predictions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
