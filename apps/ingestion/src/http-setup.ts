import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IngestionConfig } from './config';
import { rawBodyMiddleware } from './ingest/raw-body.middleware';

/** The API description shown at /docs, with the responsible-gambling notice every Propcast API carries. */
export const API_DESCRIPTION = [
  'Imports NBA box scores, schedules and prop lines into Propcast: every batch is validated row by row,',
  'written in one transaction, kept raw (gzipped, sha256) with an audit row, and announced with ingestion.completed events.',
  '',
  '**Responsible gambling.** Propcast predictions are estimates, not guarantees. If betting stops being fun, get help:',
  '1-800-GAMBLER in the US, BeGambleAware (begambleaware.org) in the UK.',
].join('\n');

/** HTTP set-up of the ingestion service, run before listen: raw import bodies with a size limit (413), OpenAPI at /docs. */
export function configureIngestionApp(app: INestApplication, config: Pick<IngestionConfig, 'INGEST_MAX_BODY_BYTES'>): void {
  app.use('/ingest', rawBodyMiddleware(config.INGEST_MAX_BODY_BYTES));
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Propcast ingestion').setDescription(API_DESCRIPTION).setVersion('1').build());
  SwaggerModule.setup('docs', app, document);
}
