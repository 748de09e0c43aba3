-- AlterTable: the other books' de-vigged consensus P(over) a prediction and each of its prices saw (an input of the
-- version-2 market combination; null: no other book quoted before pricing). Graded rows feed the combination's fit.
ALTER TABLE "predictions" ADD COLUMN "consensus_over_probability" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "prediction_prices" ADD COLUMN "consensus_over_probability" DOUBLE PRECISION;
