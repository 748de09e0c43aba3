/**
 * Prepares the real-data database the training quality table is measured on (`npm run bench:train-quality-data`):
 * a fresh `propcast_training_quality` database holding every played player-game of the real box scores
 * (2012-13 to 2020-21, ../shared/data) loaded as ingestion leaves them, and the feature-store backfill of
 * feature set v1 over all of it. Then train and evaluate with the CLI, e.g.
 *   DATABASE_URL=<printed url> ARTIFACT_STORE_URI=var/quality-artifacts npx propcast train --stat all --to 2020-10-11 --budget 3
 *   DATABASE_URL=<printed url> ARTIFACT_STORE_URI=var/quality-artifacts npx propcast evaluate --stat all --from 2020-12-22 --to 2021-07-22 --json
 */
import { join } from 'node:path';
import { createPgPool } from '@propcast/db';
import { recreateMigratedDatabase } from '@propcast/db/testing';
import { createFeaturePipeline } from '@propcast/feature-pipeline';
import { loadRealBoxScores, seedBoxScores } from '@propcast/feature-pipeline/testing';

const DATABASE = process.env['QUALITY_DATABASE'] ?? 'propcast_training_quality';

async function main(): Promise<void> {
  const url = await recreateMigratedDatabase(DATABASE, join(__dirname, '../../prisma/migrations'));

  const started = performance.now();
  const logs = loadRealBoxScores({ playedOnly: true });
  const pool = createPgPool(url, 4);
  await seedBoxScores(pool, logs);
  await pool.query('ANALYZE');
  console.error(`loaded ${logs.length} played player-games in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const backfill = await createFeaturePipeline({ pool }).backfill.start();
  const done = await backfill.done;
  await pool.query('ANALYZE');
  await pool.end();
  console.error(`backfilled ${done.rowsWritten} feature rows over ${done.datesDone} dates`);
  console.log(url);
}

main().catch((err: Error) => {
  console.error(`bench:train-quality-data: ${err.stack ?? err.message}`);
  process.exit(1);
});
