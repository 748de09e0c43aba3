-- AlterEnum: a terminal state for batches where some requests failed, and one for batches whose slate was empty
-- (neither is COMPLETED any more). New enum values are not used in this transaction, so ADD VALUE is allowed in it.
ALTER TYPE "BatchState" ADD VALUE 'COMPLETED_WITH_FAILURES';
ALTER TYPE "BatchState" ADD VALUE 'EMPTY';
