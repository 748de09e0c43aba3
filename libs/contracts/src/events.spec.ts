import { ALL_STATS, createEvent, EVENT_TYPES, EventData, EventType, InvalidMessageError, parseEvent, StatType } from './index';

const samples: { [T in EventType]: EventData<T> } = {
  'ingestion.completed': {
    gameDate: '2024-01-15',
    batchId: 'b-1',
    kind: 'BOX_SCORES',
    counts: { inserted: 10, updated: 2, unchanged: 0 },
  },
  'phase.completed': { phase: 'features', processor: 'rolling', gameDate: '2024-01-15', featureSetId: 'player-props@v1', rows: 240 },
  'predictions.ready': { gameDate: '2024-01-15', batchId: 'pb-1', counts: { requested: 5, completed: 4, failed: 1 } },
  'predictions.updated': {
    gameDate: '2024-01-15',
    reason: 'line',
    causeBatchId: 'b-2',
    changed: [{ playerId: 203999, gameId: '0022300001', stat: 'POINTS', book: 'fanduel' }],
    counts: { prices: 1, predictions: 0 },
  },
  'model.promoted': { stat: 'POINTS', modelId: 'm-2', version: 2, fromModelId: null, action: 'promote' },
  'retrain.requested': { stats: ['PRA', 'THREES'], reason: 'drift', driftReportId: 'd-1' },
  'training.completed': { runId: 'r-1', stat: 'ASSISTS', modelId: null, status: 'FAILED' },
};

function catchInvalid(fn: () => unknown): InvalidMessageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidMessageError);
    return error as InvalidMessageError;
  }
  throw new Error('expected InvalidMessageError');
}

describe('createEvent / parseEvent', () => {
  it.each(EVENT_TYPES)('%s: builds a valid envelope that round-trips through JSON', (type) => {
    const event = createEvent(type, samples[type] as never, 'test');
    expect(event).toMatchObject({ type, source: 'test', data: samples[type] });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);
    expect(parseEvent(JSON.stringify(event))).toEqual(event);
    expect(parseEvent(Buffer.from(JSON.stringify(event)))).toEqual(event);
  });

  it('narrows the union on type', () => {
    const event = parseEvent(createEvent('model.promoted', samples['model.promoted'], 'trainer'));
    if (event.type !== 'model.promoted') throw new Error('unexpected type');
    const version: number = event.data.version;
    expect(version).toBe(2);
  });

  it('createEvent rejects invalid data with field: problem issues', () => {
    const error = catchInvalid(() => createEvent('ingestion.completed', { ...samples['ingestion.completed'], gameDate: '2023-02-29', counts: { inserted: -1 } } as never, 'x'));
    expect(error.issues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^data\.gameDate: /), expect.stringMatching(/^data\.counts\.inserted: /), expect.stringMatching(/^data\.counts\.updated: /)]),
    );
    expect(error.zodIssues.length).toBe(error.issues.length);
    expect(error.message).toContain('data.gameDate');
  });

  it('rejects a missing source', () => {
    expect(catchInvalid(() => createEvent('retrain.requested', samples['retrain.requested'], '')).issues).toEqual([expect.stringMatching(/^source: /)]);
  });

  it('parseEvent reports invalid JSON at the root', () => {
    expect(catchInvalid(() => parseEvent('{not json')).issues).toEqual([expect.stringMatching(/^\(root\): invalid JSON/)]);
  });

  it('parseEvent reports an unknown type on the type field', () => {
    const event = { ...createEvent('phase.completed', samples['phase.completed'], 'x'), type: 'phase.exploded' };
    expect(catchInvalid(() => parseEvent(event)).issues).toEqual([expect.stringMatching(/^type: /)]);
  });

  it('parseEvent reports envelope and nested data problems with array indices', () => {
    const event = createEvent('retrain.requested', samples['retrain.requested'], 'x');
    const issues = catchInvalid(() => parseEvent({ ...event, id: 'nope', occurredAt: 'yesterday', data: { ...event.data, stats: ['POINTS', 'STEALS'] } })).issues;
    expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(/^id: /), expect.stringMatching(/^occurredAt: /), expect.stringMatching(/^data\.stats\[1\]: /)]));
  });

  it('StatType mirrors the Prisma enum', () => {
    expect(ALL_STATS).toEqual(['POINTS', 'REBOUNDS', 'ASSISTS', 'THREES', 'PRA']);
    expect(StatType.PRA).toBe('PRA');
  });
});
