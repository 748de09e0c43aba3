import { createTestDatabase, type TestDatabase } from '../testing';
import { copyRows } from './copy-rows';
import { withPgTransaction } from '../transaction';

describe('copyRows (COPY FROM STDIN)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(`CREATE TABLE copy_probe (id int, label text, score float8, flag bool, blob bytea, tags text[], at timestamp(3))`);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('round-trips awkward values exactly: tabs, newlines, backslashes, NaN, NULL, bytea, arrays', async () => {
    const blob = Buffer.from(new Float32Array([1.5, Number.NaN, -2]).buffer);
    const rows = [
      [1, 'tab\there\nnew line \\ backslash', Number.NaN, true, blob, ['a', 'b"c', 'd\\e'], new Date('2024-03-02T18:00:00.123Z')],
      [2, null, 3.25, false, null, [], null],
    ] as const;
    const client = await db.pool.connect();
    try {
      expect(await copyRows(client, 'copy_probe', ['id', 'label', 'score', 'flag', 'blob', 'tags', 'at'], rows)).toBe(2);
    } finally {
      client.release();
    }
    const res = await db.pool.query(`SELECT id, label, score, flag, blob, tags, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at FROM copy_probe ORDER BY id`);
    expect(res.rows[0]).toEqual({
      id: 1,
      label: 'tab\there\nnew line \\ backslash',
      score: Number.NaN,
      flag: true,
      blob,
      tags: ['a', 'b"c', 'd\\e'],
      at: '2024-03-02T18:00:00.123',
    });
    expect(res.rows[1]).toEqual({ id: 2, label: null, score: 3.25, flag: false, blob: null, tags: [], at: null });
  });

  it('writes nothing when the surrounding transaction fails', async () => {
    const before = (await db.pool.query('SELECT count(*)::int AS n FROM copy_probe')).rows[0].n;
    await expect(
      withPgTransaction(db.pool, async (client) => {
        await copyRows(client, 'copy_probe', ['id'], [[10], [11]]);
        throw new Error('validation failed after the copy');
      }),
    ).rejects.toThrow('validation failed after the copy');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM copy_probe')).rows[0].n).toBe(before);
  });
});
