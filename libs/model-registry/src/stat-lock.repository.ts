import type { ModelTarget } from '@propcast/contracts';
import type { Prisma } from '@propcast/db';

/**
 * Serialises registry changes of one stat across processes for the rest of the transaction, and returns the
 * database clock read after the lock: every event of one change shares it, and later changes get later times.
 */
export async function lockStat(tx: Prisma.TransactionClient, stat: ModelTarget): Promise<Date> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`propcast:models:${stat}`}))) AS l`;
  const [{ at }] = await tx.$queryRaw<{ at: Date }[]>`SELECT clock_timestamp() AS at`;
  return at;
}
