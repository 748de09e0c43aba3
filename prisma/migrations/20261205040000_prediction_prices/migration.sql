-- CreateTable: every re-pricing of a prediction (a new prop line, or news), appended and never overwritten. The
-- prediction row keeps its first price; readers serve the newest price row (by id) where one exists.
CREATE TABLE "prediction_prices" (
    "id" BIGSERIAL NOT NULL,
    "prediction_id" BIGINT NOT NULL,
    "game_date" DATE NOT NULL,
    "line" DOUBLE PRECISION NOT NULL,
    "over_price" INTEGER,
    "under_price" INTEGER,
    "line_captured_at" TIMESTAMP(3) NOT NULL,
    "over_probability" DOUBLE PRECISION,
    "model_over_probability" DOUBLE PRECISION,
    "market_over_probability" DOUBLE PRECISION,
    "combiner_id" BIGINT,
    "edge" DOUBLE PRECISION,
    "expected_value" DOUBLE PRECISION,
    "kelly_fraction" DOUBLE PRECISION,
    "confidence" DOUBLE PRECISION,
    "recommendation" "Recommendation" NOT NULL DEFAULT 'PASS',
    "flags" TEXT[],
    "reason" TEXT NOT NULL,
    "cause_batch_id" TEXT NOT NULL,
    "priced_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prediction_prices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "prediction_prices_prediction_id_id_idx" ON "prediction_prices"("prediction_id", "id");

-- CreateIndex
CREATE INDEX "prediction_prices_game_date_idx" ON "prediction_prices"("game_date");

-- CreateIndex
CREATE INDEX "prediction_prices_cause_batch_id_idx" ON "prediction_prices"("cause_batch_id");

-- CreateIndex: live re-pricing reads the props of one import
CREATE INDEX "prop_lines_batch_id_idx" ON "prop_lines"("batch_id");

-- AddForeignKey
ALTER TABLE "prediction_prices" ADD CONSTRAINT "prediction_prices_prediction_id_fkey" FOREIGN KEY ("prediction_id") REFERENCES "predictions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
