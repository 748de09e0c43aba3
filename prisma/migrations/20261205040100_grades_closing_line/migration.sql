-- AlterTable: closing-line value of a recommended prediction: the same book's last main line before tip-off (line
-- history of the prop) against the price the prediction called at
ALTER TABLE "grades" ADD COLUMN     "closing_line" DOUBLE PRECISION,
ADD COLUMN     "closing_over_price" INTEGER,
ADD COLUMN     "closing_under_price" INTEGER,
ADD COLUMN     "closing_captured_at" TIMESTAMP(3),
ADD COLUMN     "clv_line" DOUBLE PRECISION,
ADD COLUMN     "clv_price" DOUBLE PRECISION;
