import * as prom from 'prom-client';
import * as first from './metrics';

describe('metrics', () => {
  it('reuses the registered metrics when the module is evaluated again against the same registry', () => {
    let second: typeof first | undefined;
    jest.isolateModules(() => {
      jest.doMock('prom-client', () => prom);
      second = jest.requireActual<typeof first>('./metrics');
    });
    expect(second).not.toBe(first);
    expect(second?.eventsPublished).toBe(first.eventsPublished);
    expect(second?.eventsConsumed).toBe(first.eventsConsumed);
    expect(second?.handlerDuration).toBe(first.handlerDuration);
    expect(prom.register.getSingleMetric('propcast_events_consumed_total')).toBe(first.eventsConsumed);
  });
});
