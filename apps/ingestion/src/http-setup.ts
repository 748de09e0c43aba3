import type { INestApplication } from '@nestjs/common';
import type { IngestionConfig } from './config';
import { rawBodyMiddleware } from './ingest/raw-body.middleware';

/** The API description shown at /docs (the shared bootstrap adds the authentication and responsible-gambling notes). */
export const API_DESCRIPTION = [
  'Imports NBA box scores, schedules and prop lines into Propcast: every batch is validated row by row,',
  'written in one transaction, kept raw (gzipped, sha256) with an audit row, and announced with ingestion.completed events.',
].join('\n');

/** What the ingestion service adds to the shared HTTP platform: OpenAPI text, keys checked before bodies, the import rate. */
export const INGESTION_HTTP = {
  docs: { title: 'Propcast ingestion', description: API_DESCRIPTION },
  // Imports are read whole into memory: refuse a caller without a valid key, or past its import rate, before reading its bytes.
  authenticateBeforeBody: [{ path: '/ingest', rateLimit: 'imports' }],
  rateLimitsPerMinute: (config: Pick<IngestionConfig, 'IMPORT_RATE_LIMIT_PER_MINUTE'>) => ({ imports: config.IMPORT_RATE_LIMIT_PER_MINUTE }),
};

/** HTTP set-up of the ingestion service, run before listen: raw import bodies with a size limit (413). */
export function configureIngestionApp(app: INestApplication, config: Pick<IngestionConfig, 'INGEST_MAX_BODY_BYTES'>): void {
  app.use('/ingest', rawBodyMiddleware(config.INGEST_MAX_BODY_BYTES));
}
