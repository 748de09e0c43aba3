import { deadLetterName, deadLetterSubscriptionName, EVENT_TYPES, QueueNames, streamName, subscriptionName, topicName, Topics } from './index';

describe('names', () => {
  it('has one propcast.<type> topic per event type', () => {
    for (const type of EVENT_TYPES) expect(Topics[type]).toBe(`propcast.${type}`);
  });

  it('derives prefixed topic, stream, subscription and dead-letter names', () => {
    expect(topicName('phase.completed')).toBe('propcast.phase.completed');
    expect(streamName('phase.completed', 'test-1.')).toBe('test-1.propcast.phase.completed');
    expect(subscriptionName(Topics['phase.completed'], 'prediction-coordinator')).toBe('propcast.phase.completed.prediction-coordinator');
    expect(deadLetterName('propcast.model.promoted')).toBe('propcast.model.promoted.dlq');
    expect(deadLetterSubscriptionName('propcast.model.promoted')).toBe('propcast.model.promoted.dlq.inspect');
    expect(QueueNames.predictions).toBe('predictions');
  });
});
