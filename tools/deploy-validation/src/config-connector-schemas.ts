/**
 * Structural JSON schemas of the Config Connector resources we use (cnrm.cloud.google.com). No npm
 * package ships these CRDs, so they are written from the Config Connector reference
 * (cloud.google.com/config-connector/docs/reference/resource-docs/pubsub/...): every field we may set,
 * `additionalProperties: false` so a typo fails, required fields, and the value rules Pub/Sub enforces.
 */
const objectMeta = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
};

const resourceRef = {
  type: 'object',
  properties: { name: { type: 'string' }, namespace: { type: 'string' }, external: { type: 'string' } },
  additionalProperties: false,
  oneOf: [{ required: ['name'] }, { required: ['external'] }],
};

const duration = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?s$' };

function resource(apiVersion: string, kind: string, spec: object): object {
  return {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: apiVersion },
      kind: { const: kind },
      metadata: objectMeta,
      spec,
    },
    additionalProperties: false,
  };
}

export const CONFIG_CONNECTOR_SCHEMAS: Record<string, object> = {
  'pubsub.cnrm.cloud.google.com/v1beta1/PubSubTopic': resource('pubsub.cnrm.cloud.google.com/v1beta1', 'PubSubTopic', {
    type: 'object',
    properties: {
      resourceID: { type: 'string' },
      kmsKeyRef: resourceRef,
      messageRetentionDuration: duration,
      messageStoragePolicy: {
        type: 'object',
        properties: { allowedPersistenceRegions: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
      schemaSettings: {
        type: 'object',
        required: ['schemaRef'],
        properties: { encoding: { enum: ['JSON', 'BINARY'] }, schemaRef: resourceRef },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  }),
  'pubsub.cnrm.cloud.google.com/v1beta1/PubSubSubscription': resource('pubsub.cnrm.cloud.google.com/v1beta1', 'PubSubSubscription', {
    type: 'object',
    required: ['topicRef'],
    properties: {
      resourceID: { type: 'string' },
      topicRef: resourceRef,
      ackDeadlineSeconds: { type: 'integer', minimum: 10, maximum: 600 },
      // Pub/Sub: 10 minutes .. 31 days.
      messageRetentionDuration: duration,
      retainAckedMessages: { type: 'boolean' },
      enableMessageOrdering: { type: 'boolean' },
      enableExactlyOnceDelivery: { type: 'boolean' },
      filter: { type: 'string' },
      expirationPolicy: { type: 'object', required: ['ttl'], properties: { ttl: { type: 'string' } }, additionalProperties: false },
      retryPolicy: {
        type: 'object',
        properties: { minimumBackoff: duration, maximumBackoff: duration },
        additionalProperties: false,
      },
      deadLetterPolicy: {
        type: 'object',
        required: ['deadLetterTopicRef'],
        properties: { deadLetterTopicRef: resourceRef, maxDeliveryAttempts: { type: 'integer', minimum: 5, maximum: 100 } },
        additionalProperties: false,
      },
      pushConfig: {
        type: 'object',
        required: ['pushEndpoint'],
        properties: {
          pushEndpoint: { type: 'string', pattern: '^https://' },
          attributes: { type: 'object', additionalProperties: { type: 'string' } },
          noWrapper: { type: 'object', properties: { writeMetadata: { type: 'boolean' } }, additionalProperties: false },
          oidcToken: {
            type: 'object',
            required: ['serviceAccountEmail'],
            properties: { serviceAccountEmail: { type: 'string', pattern: '^[^@]+@[^@]+$' }, audience: { type: 'string' } },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  }),
  'iam.cnrm.cloud.google.com/v1beta1/IAMPolicyMember': resource('iam.cnrm.cloud.google.com/v1beta1', 'IAMPolicyMember', {
    type: 'object',
    required: ['role', 'resourceRef'],
    oneOf: [{ required: ['member'] }, { required: ['memberFrom'] }],
    properties: {
      member: { type: 'string', pattern: '^(user|serviceAccount|group|domain|principal|principalSet):.+' },
      memberFrom: { type: 'object' },
      role: { type: 'string', pattern: '^(roles|projects/[^/]+/roles|organizations/[^/]+/roles)/.+' },
      resourceRef: {
        type: 'object',
        required: ['kind'],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          namespace: { type: 'string' },
          external: { type: 'string' },
        },
        additionalProperties: false,
      },
      condition: {
        type: 'object',
        required: ['title', 'expression'],
        properties: { title: { type: 'string' }, description: { type: 'string' }, expression: { type: 'string' } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  }),
};
