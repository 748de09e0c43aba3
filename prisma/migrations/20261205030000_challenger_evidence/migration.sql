-- AlterTable: the call the model would make itself at the price. Shadows never recommend (recommendation stays PASS
-- for them); challengers and shadows are graded on this column, production's picks never read it.
ALTER TABLE "predictions" ADD COLUMN     "would_be_recommendation" "Recommendation";

-- CreateTable: a challenger (or shadow) that beat the production primary on graded real-priced props, with the
-- evidence; PROMOTED when it was promoted automatically (PROMOTION_AUTO) through the registry's promotion.
CREATE TABLE "promotion_proposals" (
    "id" BIGSERIAL NOT NULL,
    "stat" "StatType" NOT NULL,
    "challenger_model_id" TEXT NOT NULL,
    "production_model_id" TEXT NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "props" INTEGER NOT NULL,
    "brier_challenger" DOUBLE PRECISION NOT NULL,
    "brier_production" DOUBLE PRECISION NOT NULL,
    "brier_market" DOUBLE PRECISION NOT NULL,
    "p_value" DOUBLE PRECISION NOT NULL,
    "alpha" DOUBLE PRECISION NOT NULL,
    "min_props" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "report" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promoted_at" TIMESTAMP(3),

    CONSTRAINT "promotion_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "promotion_proposals_challenger_model_id_production_model_id_key" ON "promotion_proposals"("challenger_model_id", "production_model_id");

-- AddForeignKey
ALTER TABLE "promotion_proposals" ADD CONSTRAINT "promotion_proposals_challenger_model_id_fkey" FOREIGN KEY ("challenger_model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_proposals" ADD CONSTRAINT "promotion_proposals_production_model_id_fkey" FOREIGN KEY ("production_model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
