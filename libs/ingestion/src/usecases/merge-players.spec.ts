import { InMemoryMerges, InMemoryOutbox, transactionOnlyPool } from '../testing/in-memory-ingestion';
import { MergePlayersUseCase, PlayerMergeRefusedError } from './merge-players.usecase';

const NIANG = { id: 1627777, name: 'Georges Niang', normalizedName: 'georges niang' };
const NIANG_TYPO = { id: 162777, name: 'Georges Niang', normalizedName: 'georges niang' };
const OTHER = { id: 7, name: 'Other Player', normalizedName: 'other player' };
const MOVED = {
  boxScoresByDate: [
    { gameDate: '2018-10-18', n: 1 },
    { gameDate: '2018-10-20', n: 2 },
    { gameDate: null, n: 1 },
  ],
  statCorrections: 1,
  propLines: 2,
  propLinesDropped: 1,
  predictions: 0,
  predictionsDropped: 0,
  featureRowsDeleted: 3,
};

function setUp(merges: InMemoryMerges) {
  const statements: string[] = [];
  const outbox = new InMemoryOutbox();
  const useCase = new MergePlayersUseCase({ pool: transactionOnlyPool(statements), events: outbox, repositories: merges });
  return { useCase, outbox, statements };
}

describe('MergePlayersUseCase (in-memory repositories)', () => {
  it('moves the rows under the ingestion lock, records the merge and announces one event per moved date', async () => {
    const merges = new InMemoryMerges([NIANG, NIANG_TYPO], new Map(), MOVED);
    const { useCase, outbox, statements } = setUp(merges);

    const report = await useCase.execute({ fromId: NIANG_TYPO.id, intoId: NIANG.id, reason: 'typo' });

    expect(merges.locks).toBe(1);
    expect(merges.movedPairs).toEqual([[NIANG_TYPO.id, NIANG.id]]);
    expect(report.rows).toEqual({ boxScores: 4, statCorrections: 1, propLines: 2, propLinesDropped: 1, predictions: 0, predictionsDropped: 0, featureRowsDeleted: 3 });
    expect(report.gameDates).toEqual(['2018-10-18', '2018-10-20']);
    expect(merges.recorded).toEqual([{ id: report.mergeId, fromId: NIANG_TYPO.id, intoId: NIANG.id, fromName: 'Georges Niang', reason: 'typo', rows: report.rows }]);
    expect(outbox.enqueued.map((e) => (e.data as { gameDate: string }).gameDate)).toEqual(['2018-10-18', '2018-10-20']);
    expect(report.events).toEqual({ queued: 2, published: 2, pending: 0 });
    expect(statements).toEqual(['BEGIN', 'COMMIT']);
  });

  it('rolls a dry run back and announces nothing', async () => {
    const merges = new InMemoryMerges([NIANG, NIANG_TYPO], new Map(), MOVED);
    const { useCase, outbox, statements } = setUp(merges);

    const report = await useCase.execute({ fromId: NIANG_TYPO.id, intoId: NIANG.id, dryRun: true });

    expect(report.dryRun).toBe(true);
    expect(report.rows.boxScores).toBe(4);
    expect(outbox.enqueued).toEqual([]);
    expect(statements).toEqual(['BEGIN', 'ROLLBACK']);
  });

  it.each([
    ['SAME_PLAYER', { fromId: NIANG.id, intoId: NIANG.id }, new InMemoryMerges([NIANG])],
    ['PLAYER_NOT_FOUND', { fromId: 99, intoId: NIANG.id }, new InMemoryMerges([NIANG])],
    ['NAME_MISMATCH', { fromId: OTHER.id, intoId: NIANG.id }, new InMemoryMerges([NIANG, OTHER])],
    [
      'SAME_GAME',
      { fromId: NIANG_TYPO.id, intoId: NIANG.id },
      new InMemoryMerges(
        [NIANG, NIANG_TYPO],
        new Map([
          [NIANG_TYPO.id, ['0021800003']],
          [NIANG.id, ['0021800003']],
        ]),
      ),
    ],
  ] as const)('refuses %s and moves nothing', async (code, cmd, merges) => {
    const { useCase, outbox } = setUp(merges);

    await expect(useCase.execute(cmd)).rejects.toEqual(expect.objectContaining({ code }));
    await expect(useCase.execute(cmd)).rejects.toBeInstanceOf(PlayerMergeRefusedError);
    expect(merges.movedPairs).toEqual([]);
    expect(merges.recorded).toEqual([]);
    expect(outbox.enqueued).toEqual([]);
  });

  it('merges different names when forced', async () => {
    const merges = new InMemoryMerges([NIANG, OTHER]);
    const { useCase } = setUp(merges);

    const report = await useCase.execute({ fromId: OTHER.id, intoId: NIANG.id, force: true });

    expect(report.from).toEqual({ id: OTHER.id, name: 'Other Player' });
    expect(merges.movedPairs).toEqual([[OTHER.id, NIANG.id]]);
  });
});
