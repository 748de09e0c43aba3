import { createEvent } from '@propcast/contracts';
import { DeliveryPipeline } from '../consumer/delivery-pipeline';
import type { DeadLetter } from '../consumer/dead-letter';
import { InvalidPushEnvelopeError } from '../errors';
import { testLogger } from '../testing/bus-harness';
import { uniqueSuffix } from '../testing/wait-for';
import type { IdTokenClaims, IdTokenVerifier } from './push-auth';
import { decodePushEnvelope, handlePushEnvelope, PushEndpoint } from './push-envelope';

const event = createEvent('model.promoted', { stat: 'PRA', modelId: 'm-9', version: 9, fromModelId: 'm-8', action: 'promote' }, 'trainer');

function pushBody(data: string | undefined, extra: Record<string, unknown> = {}) {
  return {
    message: { data, attributes: { type: 'model.promoted' }, messageId: '42', publishTime: '2024-01-15T10:00:00Z' },
    subscription: 'projects/p/subscriptions/propcast.model.promoted.coordinator',
    ...extra,
  };
}
const encoded = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

describe('decodePushEnvelope', () => {
  it('decodes the standard envelope (object or JSON text)', () => {
    const body = pushBody(encoded(event), { deliveryAttempt: 3 });
    for (const input of [body, JSON.stringify(body), Buffer.from(JSON.stringify(body))]) {
      expect(decodePushEnvelope(input)).toEqual({
        messageId: '42',
        data: Buffer.from(JSON.stringify(event)),
        attributes: { type: 'model.promoted' },
        publishTime: '2024-01-15T10:00:00Z',
        subscription: 'projects/p/subscriptions/propcast.model.promoted.coordinator',
        deliveryAttempt: 3,
      });
    }
  });

  it('accepts message_id and defaults deliveryAttempt to 1', () => {
    const decoded = decodePushEnvelope({ message: { message_id: '7' }, subscription: 's' });
    expect(decoded).toMatchObject({ messageId: '7', data: undefined, deliveryAttempt: 1 });
  });

  it.each([
    ['not JSON', '{'],
    ['no message', { subscription: 's' }],
    ['no message id', { message: { data: 'e30=' }, subscription: 's' }],
  ])('rejects %s', (_name, body) => {
    expect(() => decodePushEnvelope(body)).toThrow(InvalidPushEnvelopeError);
  });
});

describe('handlePushEnvelope', () => {
  let handler: jest.Mock<Promise<void>, [unknown, unknown]>;
  let letters: DeadLetter[];
  let verifier: jest.Mocked<IdTokenVerifier>;
  const endpoint = (auth?: PushEndpoint['auth']): PushEndpoint => ({
    pipeline: new DeliveryPipeline({
      eventType: 'model.promoted',
      group: `push-${uniqueSuffix()}`,
      handler,
      maxAttempts: 3,
      logger: testLogger,
    }),
    deadLetter: async (letter) => void letters.push(letter),
    auth,
  });

  beforeEach(() => {
    handler = jest.fn<Promise<void>, [unknown, unknown]>(async () => undefined);
    letters = [];
    verifier = {
      verify: jest.fn<Promise<IdTokenClaims>, [string, string]>(async () => ({ email: 'push@p.iam.gserviceaccount.com', email_verified: true })),
    };
  });

  it('answers 204 after the handler succeeded', async () => {
    await expect(handlePushEnvelope(pushBody(encoded(event)), {}, endpoint())).resolves.toEqual({ status: 204, outcome: 'ok' });
    expect(handler).toHaveBeenCalledWith(event, { messageId: '42', deliveryAttempt: 1 });
  });

  it('answers 500 when the handler fails, so Pub/Sub redelivers', async () => {
    handler.mockRejectedValueOnce(new Error('db down'));
    await expect(handlePushEnvelope(pushBody(encoded(event)), {}, endpoint())).resolves.toEqual({ status: 500, outcome: 'error' });
  });

  it('answers 204 after dead-lettering on the last attempt', async () => {
    handler.mockRejectedValueOnce(new Error('still down'));
    const result = await handlePushEnvelope(pushBody(encoded(event), { deliveryAttempt: 3 }), {}, endpoint());
    expect(result).toEqual({ status: 204, outcome: 'dead_lettered' });
    expect(letters[0]).toMatchObject({ reason: 'max_attempts', error: 'Error: still down', deliveryAttempt: 3 });
  });

  it('answers 204 after dead-lettering a malformed event (redelivery could never succeed)', async () => {
    const result = await handlePushEnvelope(pushBody(encoded({ ...event, data: {} })), {}, endpoint());
    expect(result).toEqual({ status: 204, outcome: 'dead_lettered' });
    expect(letters[0]).toMatchObject({ reason: 'malformed', error: expect.stringMatching(/data\.stat: /) });
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 500 when the dead letter cannot be stored', async () => {
    const failing = { ...endpoint(), deadLetter: async () => Promise.reject(new Error('dlq down')) };
    await expect(handlePushEnvelope(pushBody(encoded('nope')), {}, failing)).resolves.toMatchObject({ status: 500 });
  });

  it('answers 400 to a body that is not a push envelope', async () => {
    await expect(handlePushEnvelope({ hello: 'world' }, {}, endpoint())).resolves.toMatchObject({ status: 400 });
  });

  describe('with an OIDC audience configured', () => {
    const audience = 'https://coordinator.test/push';

    it('answers 401 without a bearer token, before looking at the body', async () => {
      const result = await handlePushEnvelope(pushBody(encoded(event)), {}, endpoint({ audience, verifier }));
      expect(result).toEqual({ status: 401, error: 'missing bearer token' });
      expect(verifier.verify).not.toHaveBeenCalled();
      expect(handler).not.toHaveBeenCalled();
    });

    it('answers 403 when the token does not verify', async () => {
      verifier.verify.mockRejectedValueOnce(new Error('Wrong recipient'));
      const result = await handlePushEnvelope(pushBody(encoded(event)), { authorization: 'Bearer bad.token.here' }, endpoint({ audience, verifier }));
      expect(result).toEqual({ status: 403, error: 'invalid push token: Error: Wrong recipient' });
      expect(verifier.verify).toHaveBeenCalledWith('bad.token.here', audience);
      expect(handler).not.toHaveBeenCalled();
    });

    it('answers 403 when the token is from another service account', async () => {
      const auth = { audience, verifier, serviceAccountEmail: 'other@p.iam.gserviceaccount.com' };
      const result = await handlePushEnvelope(pushBody(encoded(event)), { Authorization: 'Bearer t' }, endpoint(auth));
      expect(result.status).toBe(403);
    });

    it('handles the message when the token verifies', async () => {
      const auth = { audience, verifier, serviceAccountEmail: 'push@p.iam.gserviceaccount.com' };
      const result = await handlePushEnvelope(pushBody(encoded(event)), { authorization: ['Bearer good'] }, endpoint(auth));
      expect(result).toEqual({ status: 204, outcome: 'ok' });
    });
  });
});
