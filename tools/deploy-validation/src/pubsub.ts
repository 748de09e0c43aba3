import type { Finding, K8sObject } from './manifests';

/** A (topic, consumer group) subscription and how it is delivered. */
export interface SubscriptionRow {
  topic: string;
  group: string;
  delivery: 'pull' | 'push';
}

/** Topic names of libs/contracts/src/names.ts (`Topics = { 'type': 'propcast.type', ... }`). */
export function contractTopics(namesTs: string): string[] {
  const block = /export const Topics = \{([\s\S]*?)\}/.exec(namesTs)?.[1] ?? '';
  return [...block.matchAll(/:\s*'([^']+)'/g)].map((m) => m[1]);
}

/** k8s/pubsub/subscriptions.tsv rows. */
export function subscriptionTable(tsv: string): SubscriptionRow[] {
  return tsv
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [topic, group, delivery] = l.split('\t').map((x) => x.trim());
      return { topic, group, delivery: delivery as SubscriptionRow['delivery'] };
    });
}

/** The TOPICS=( ... ) array of k8s/pubsub/setup.sh. */
export function setupScriptTopics(script: string): string[] {
  const block = /TOPICS=\(([\s\S]*?)\)/.exec(script)?.[1] ?? '';
  return block.split(/\s+/).filter(Boolean);
}

/** `@OnEvent('type', { group: '...' | ServiceNames.x })` bindings found in service sources. */
export function onEventGroups(source: string, serviceNames: Record<string, string>): { eventType: string; group: string }[] {
  const out: { eventType: string; group: string }[] = [];
  for (const m of source.matchAll(/@OnEvent\(\s*'([\w.]+)'\s*,\s*\{[^}]*?group:\s*(?:'([\w-]+)'|ServiceNames\.(\w+))/g)) {
    const group = m[2] ?? serviceNames[m[3]];
    if (group) out.push({ eventType: m[1], group });
  }
  return out;
}

/** Config Connector topology vs the contracts and the subscription table. */
export function checkPubSub(objects: K8sObject[], topics: string[], table: SubscriptionRow[], pushEndpoint: string): Finding[] {
  const findings: Finding[] = [];
  const add = (object: string, message: string) => findings.push({ rule: 'pubsub', object, message });
  const topicObjs = new Set(objects.filter((o) => o.kind === 'PubSubTopic').map((o) => o.metadata.name));
  const subs = new Map(objects.filter((o) => o.kind === 'PubSubSubscription').map((o) => [o.metadata.name, o]));
  for (const t of topics) {
    for (const name of [t, `${t}.dlq`]) if (!topicObjs.has(name)) add(`PubSubTopic/${name}`, 'missing (libs/contracts Topics / dead-letter convention)');
    if (!subs.has(`${t}.dlq.inspect`)) add(`PubSubSubscription/${t}.dlq.inspect`, 'missing: dead letters would be dropped');
  }
  for (const row of table) {
    const name = `${row.topic}.${row.group}`;
    const sub = subs.get(name);
    if (!topics.includes(row.topic)) add(`subscriptions.tsv ${name}`, `topic ${row.topic} is not in libs/contracts`);
    if (!sub) {
      add(`PubSubSubscription/${name}`, 'in subscriptions.tsv but not in the Config Connector manifests');
      continue;
    }
    const push = sub.spec?.pushConfig;
    if (row.delivery === 'push') {
      if (push?.pushEndpoint !== pushEndpoint) add(`PubSubSubscription/${name}`, `push endpoint must be ${pushEndpoint}`);
      if (!push?.oidcToken?.serviceAccountEmail) add(`PubSubSubscription/${name}`, 'push without an OIDC token: the coordinator could not authenticate it');
      if (push?.oidcToken?.audience !== pushEndpoint) add(`PubSubSubscription/${name}`, 'OIDC audience must be the push URL (PUSH_AUDIENCE)');
    } else if (push) add(`PubSubSubscription/${name}`, 'pull subscription has a pushConfig');
    if (sub.spec?.deadLetterPolicy?.deadLetterTopicRef?.name !== `${row.topic}.dlq`) add(`PubSubSubscription/${name}`, `dead letters must go to ${row.topic}.dlq`);
  }
  for (const [name, sub] of subs) {
    const topic = sub.spec?.topicRef?.name;
    if (!topicObjs.has(topic)) add(`PubSubSubscription/${name}`, `topicRef ${topic} is not a rendered PubSubTopic`);
    const dlq = sub.spec?.deadLetterPolicy?.deadLetterTopicRef?.name;
    if (dlq && !topicObjs.has(dlq)) add(`PubSubSubscription/${name}`, `dead-letter topic ${dlq} is not rendered`);
    if (!name.endsWith('.dlq.inspect') && !table.some((r) => `${r.topic}.${r.group}` === name)) add(`PubSubSubscription/${name}`, 'not in k8s/pubsub/subscriptions.tsv');
  }
  for (const m of objects.filter((o) => o.kind === 'IAMPolicyMember')) {
    const target = m.spec?.resourceRef;
    if (target?.name && !objects.some((o) => o.kind === target.kind && o.metadata.name === target.name)) {
      add(`IAMPolicyMember/${m.metadata.name}`, `resourceRef ${target.kind}/${target.name} is not rendered`);
    }
  }
  return findings;
}
