import { CommonEnv, type ConfigOf, envVar, loadConfig, port, ServiceEnv } from '@propcast/config';
import { IngestLimitsEnv } from '@propcast/ingestion';
import { z } from 'zod';

/** Every environment variable the ingestion service reads, validated at start-up. */
export const IngestionEnv = {
  PORT: port(3001),
  ...ServiceEnv,
  ARTIFACT_STORE_URI: CommonEnv.ARTIFACT_STORE_URI,
  INGEST_MAX_BODY_BYTES: envVar(z.coerce.number().int().min(1024), 'largest import the ingestion API accepts (JSON body or uploaded file, bytes); larger answers 413', {
    default: String(100 * 1024 * 1024),
  }),
  IMPORT_RATE_LIMIT_PER_MINUTE: envVar(z.coerce.number().int().min(1), 'imports (POST /ingest/*) one API key may send per minute; beyond, 429', { default: '60' }),
  ...IngestLimitsEnv,
};

/** The validated configuration of the ingestion service. */
export type IngestionConfig = ConfigOf<typeof IngestionEnv>;

/** Loads the ingestion configuration from the environment (throws a one-line ConfigError). */
export function loadIngestionConfig(env: NodeJS.ProcessEnv = process.env): IngestionConfig {
  return loadConfig(IngestionEnv, env);
}
