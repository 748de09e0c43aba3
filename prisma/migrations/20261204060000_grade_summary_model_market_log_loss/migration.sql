-- AlterTable: the daily summary scores the model's own P(over), the priced (combined) one and the market with Brier and
-- log loss on real-priced props
ALTER TABLE "grade_summaries" ADD COLUMN     "log_loss_real" DOUBLE PRECISION,
ADD COLUMN     "market_log_loss" DOUBLE PRECISION,
ADD COLUMN     "model_brier_real" DOUBLE PRECISION,
ADD COLUMN     "model_log_loss_real" DOUBLE PRECISION;
