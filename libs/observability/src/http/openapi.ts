import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from '../auth/route-access.decorators';

/** The responsible-gambling notice every Propcast API description and report carries. */
export const RESPONSIBLE_GAMBLING_NOTICE = [
  '**Responsible gambling.** Propcast predictions are estimates, not guarantees. If betting stops being fun, get help:',
  '1-800-GAMBLER in the US, BeGambleAware (begambleaware.org) in the UK.',
].join('\n');

const AUTH_NOTE = [
  '**Authentication.** Every route except /health, /health/ready, /metrics and /pubsub/push needs an API key, sent as',
  '`Authorization: Bearer <key>` or `X-API-Key: <key>`: a key of API_KEYS for every route, a key of READ_API_KEYS for',
  'GET and HEAD only. 401: missing or wrong key; 403: read key on a write route; 429: too many failed keys or requests.',
].join('\n');

/** Marks the operations of @Public() routes as needing no key (`security: []`) and drops the marker. */
function openPublicOperations(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Record<string, unknown>[]) {
      if (operation && typeof operation === 'object' && operation[PUBLIC_OPERATION_EXTENSION]) {
        delete operation[PUBLIC_OPERATION_EXTENSION];
        operation['security'] = [];
      }
    }
  }
  return document;
}

/** OpenAPI at /docs (JSON at /docs-json) with the service's description, the responsible-gambling notice and the API-key schemes. */
export function setupOpenApi(app: INestApplication, options: { title: string; description?: string }): OpenAPIObject {
  const description = [options.description, AUTH_NOTE, RESPONSIBLE_GAMBLING_NOTICE].filter(Boolean).join('\n\n');
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a key of API_KEYS (or READ_API_KEYS for GET)' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'the same key in the X-API-Key header' }, 'api-key')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('api-key')
    .build();
  const document = openPublicOperations(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document);
  return document;
}
