-- AlterTable
ALTER TABLE "ingest_batches" ADD COLUMN     "committed_at" TIMESTAMP(3);
