import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { RESPONSIBLE_GAMBLING_NOTICE } from '@propcast/read-model';

/** The API description shown at /docs, with the responsible-gambling notice every Propcast API carries. */
export const API_DESCRIPTION = [
  'The read side of Propcast: stored predictions, the day\'s picks at the best price across books, games, players,',
  'graded performance against the market, what-if prices against the serving model\'s distribution, a bet log, and the',
  'slate board at `/`. Every list answers JSON, or CSV with `Accept: text/csv` or `?format=csv`. Every betting figure',
  'names its line source: REAL (a book\'s quote) or PROXY (a season average at -110/-110, not a market).',
  '',
  `**Responsible gambling.** ${RESPONSIBLE_GAMBLING_NOTICE}`,
].join('\n');

/** HTTP set-up of the read API, run before listen: OpenAPI at /docs. */
export function configureApiApp(app: INestApplication): void {
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Propcast read API').setDescription(API_DESCRIPTION).setVersion('1').build());
  SwaggerModule.setup('docs', app, document);
}
