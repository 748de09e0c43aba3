import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlAvailable, readRepoFile, render, REPO_ROOT } from './src/manifests';
import { checkPubSub, contractTopics, onEventGroups, setupScriptTopics, subscriptionTable } from './src/pubsub';
import { formatFindings } from './src/manifests';

/**
 * The Pub/Sub topology exists three times: the names in libs/contracts, the Config Connector manifests of
 * the prod overlay, and k8s/pubsub/setup.sh (gcloud) + subscriptions.tsv. They must agree, and every
 * `@OnEvent` consumer group in the services must have its subscription (the bus refuses to start a
 * consumer whose subscription is missing in production).
 */
const TOPICS = contractTopics(readRepoFile('libs/contracts/src/names.ts'));
const TABLE = subscriptionTable(readRepoFile('k8s/pubsub/subscriptions.tsv'));
const PUSH_ENDPOINT = 'https://push.propcast.example.com/pubsub/push';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (full.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(full)) out.push(full);
  }
  return out;
}

describe('Pub/Sub topology', () => {
  it('knows the topics of libs/contracts', () => {
    expect(TOPICS).toEqual(expect.arrayContaining(['propcast.ingestion.completed', 'propcast.phase.completed', 'propcast.predictions.ready', 'propcast.model.promoted', 'propcast.retrain.requested']));
  });

  it('setup.sh creates exactly the contract topics and reads the same subscription table', () => {
    const script = readRepoFile('k8s/pubsub/setup.sh');
    expect(setupScriptTopics(script).sort()).toEqual([...TOPICS].sort());
    expect(script).toContain('subscriptions.tsv');
  });

  it('subscriptions.tsv has one push subscription per coordinator topic and valid rows', () => {
    for (const row of TABLE) {
      expect(TOPICS).toContain(row.topic);
      expect(['pull', 'push']).toContain(row.delivery);
      if (row.delivery === 'push') expect(row.group).toBe('prediction-coordinator');
    }
  });

  it('every @OnEvent consumer group of the services has a subscription', () => {
    const serviceNames = Object.fromEntries([...readRepoFile('libs/contracts/src/names.ts').matchAll(/(\w+):\s*'([\w-]+)',/g)].map((m) => [m[1], m[2]]));
    const bindings = ['apps', 'libs'].flatMap((d) => sources(join(REPO_ROOT, d))).flatMap((f) => onEventGroups(readRepoFile(f.slice(REPO_ROOT.length + 1)), serviceNames));
    const missing = bindings.filter((b) => !TABLE.some((r) => r.topic === `propcast.${b.eventType}` && r.group === b.group)).map((b) => `propcast.${b.eventType}.${b.group}`);
    expect(missing).toEqual([]);
  });

  (kubectlAvailable() ? it : it.skip)('the Config Connector manifests of the prod overlay match the contracts and the table', () => {
    expect(formatFindings(checkPubSub(render('k8s/overlays/prod'), TOPICS, TABLE, PUSH_ENDPOINT))).toBe('');
  });

  (kubectlAvailable() ? it : it.skip)('the coordinator verifies pushes for the audience the push subscriptions use', () => {
    const coordinator = render('k8s/overlays/prod').find((o) => o.kind === 'Deployment' && o.metadata.name === 'prediction-coordinator')!;
    const env = coordinator.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'PUSH_AUDIENCE', value: PUSH_ENDPOINT });
  });

  it('reports a contract topic without its dead-letter topic and a table row without a subscription', () => {
    const findings = checkPubSub([], ['propcast.x'], [{ topic: 'propcast.x', group: 'trainer', delivery: 'pull' }], PUSH_ENDPOINT).map((f) => f.object);
    expect(findings).toEqual(expect.arrayContaining(['PubSubTopic/propcast.x', 'PubSubTopic/propcast.x.dlq', 'PubSubSubscription/propcast.x.dlq.inspect', 'PubSubSubscription/propcast.x.trainer']));
  });
});
