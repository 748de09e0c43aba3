import { Body, Controller, Get, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ObservabilityModule } from '../observability.module';
import { installTestHttpPlatform, TEST_KEYS, testAuthHeaders } from '../testing';
import { ApiActor, Public, RateLimitPerKey } from './route-access.decorators';

@Controller('things')
class ThingsController {
  @Get()
  list(): string[] {
    return ['a'];
  }

  @Post()
  @HttpCode(201)
  create(@Body() body: { actor?: string }, @ApiActor() actor: string): { actor: string } {
    return { actor };
  }
}

@Controller('ingest')
@RateLimitPerKey('imports')
class ImportsController {
  @Post('x')
  @HttpCode(201)
  importOne(): { ok: true } {
    return { ok: true };
  }
}

@Controller('hook')
@Public()
class HookController {
  @Post()
  @HttpCode(200)
  hook(): { received: true } {
    return { received: true };
  }
}

@Module({ imports: [ObservabilityModule.forRoot({ service: 'auth-test', checks: [] })], controllers: [ThingsController, ImportsController, HookController] })
class AuthTestModule {}

/** Finding 1 of issue 13: every route but health, metrics and push needs a key; read keys read; floods get 429. */
describe('API-key guard of the shared bootstrap (reliability: finding 1)', () => {
  let app: INestApplication;
  let now = 1_000_000;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AuthTestModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    installTestHttpPlatform(app, 'auth-test', { auth: { now: () => now, rateLimitsPerMinute: { imports: 3 } }, authenticateBeforeBody: ['/ingest'] });
    await app.init();
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());

  it('answers 401 without a key or with a wrong one, in the one error body', async () => {
    const missing = await http().get('/things').set('x-request-id', 'req-401').expect(401);
    expect(missing.body).toEqual({ statusCode: 401, error: 'UNAUTHORIZED', message: expect.stringContaining('Authorization: Bearer <key>'), requestId: 'req-401' });
    const wrong = await http().get('/things').set('authorization', 'Bearer not-the-key-0123456789').expect(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, error: 'UNAUTHORIZED', message: 'the API key is not valid' });
    await http().post('/things').set('x-api-key', 'not-the-key-0123456789').send({}).expect(401);
  });

  it('accepts a key as Bearer or X-API-Key; a read key reads (200) but cannot write (403)', async () => {
    await http().get('/things').set(testAuthHeaders('full')).expect(200, ['a']);
    await http().get('/things').set('x-api-key', TEST_KEYS.read).expect(200, ['a']);
    const forbidden = await http().post('/things').set(testAuthHeaders('read')).send({}).expect(403);
    expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'FORBIDDEN', message: expect.stringMatching(/reader is read-only.*POST \/things/) });
    await http().post('/ingest/x').set('x-api-key', TEST_KEYS.read).send('a,b').expect(403);
  });

  it('takes the audit actor from the key name, not from the request', async () => {
    const res = await http().post('/things').set(testAuthHeaders('full')).send({ actor: 'mallory' }).expect(201);
    expect(res.body).toEqual({ actor: 'tester' });
  });

  it('leaves /health, /health/ready, /metrics and @Public routes open', async () => {
    await http().get('/health').expect(200);
    await http().get('/health/ready').expect(200);
    await http().get('/metrics').expect(200);
    await http().post('/hook').expect(200);
  });

  it('limits imports per key per minute (429 with Retry-After)', async () => {
    for (let i = 0; i < 3; i++) await http().post('/ingest/x').set(testAuthHeaders()).expect(201);
    const flood = await http().post('/ingest/x').set(testAuthHeaders()).expect(429);
    expect(flood.body).toMatchObject({ statusCode: 429, error: 'TOO_MANY_REQUESTS', message: expect.stringContaining('tester sent more than 3 imports requests') });
    expect(Number(flood.headers['retry-after'])).toBeGreaterThan(0);
    now += 20_000;
    await http().post('/ingest/x').set(testAuthHeaders()).expect(201);
  });

  it('answers 429 once a client sent too many failed keys, even with a good key, until its budget refills', async () => {
    now += 120_000;
    // Three 401s were spent by the first test (two of them minutes ago, refilled since).
    let unauthorized = 0;
    for (let i = 0; i < 10; i++) if ((await http().get('/things').set('x-api-key', `guess-${i}-0123456789abcdef`)).status === 401) unauthorized++;
    expect(unauthorized).toBe(10);
    const limited = await http().get('/things').set('x-api-key', 'guess-x-0123456789abcdef').expect(429);
    expect(limited.body.message).toMatch(/too many missing or wrong API keys/);
    await http().get('/things').set(testAuthHeaders()).expect(429);
    // Refused before the body is read, too.
    await http().post('/ingest/x').set(testAuthHeaders()).expect(429);
    await http().get('/health').expect(200);
    now += 60_000;
    await http().get('/things').set(testAuthHeaders()).expect(200);
  });
});
