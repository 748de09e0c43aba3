-- AlterTable
ALTER TABLE "grade_summaries" ADD COLUMN     "brier_real" DOUBLE PRECISION,
ADD COLUMN     "market_brier" DOUBLE PRECISION,
ADD COLUMN     "real_props" INTEGER NOT NULL DEFAULT 0;
