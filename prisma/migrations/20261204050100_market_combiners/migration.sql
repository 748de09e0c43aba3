-- AlterTable: the model's own P(over) beside over_probability (combined with the market where a combiner priced the
-- row), and the market combination that priced it
ALTER TABLE "predictions" ADD COLUMN     "combiner_id" BIGINT,
ADD COLUMN     "model_over_probability" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "market_combiners" (
    "id" BIGSERIAL NOT NULL,
    "model_id" TEXT NOT NULL,
    "stat" "StatType" NOT NULL,
    "as_of" DATE NOT NULL,
    "rows" INTEGER NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "coefficients" JSONB NOT NULL,
    "state" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "market_combiners_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "market_combiners_model_id_as_of_key" ON "market_combiners"("model_id", "as_of");

-- AddForeignKey
ALTER TABLE "market_combiners" ADD CONSTRAINT "market_combiners_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
