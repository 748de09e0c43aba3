import type { BoxScoreRow } from '../formats/box-scores.format';
import { boxScoreDuplicates, gamesOfRows, reconcileGames, type StoredGame } from './box-score-batch';
import { collapseDuplicates } from './duplicates';
import { formatProblem, ProblemCollector } from './problems';

const BOS = 1610612738;
const PHI = 1610612755;
const LAL = 1610612747;

function line(row: number, overrides: Partial<BoxScoreRow> = {}): BoxScoreRow {
  return {
    row,
    playerId: 100 + row,
    playerName: `P${row}`,
    gameId: '0021800001',
    gameDate: '2018-10-16',
    season: '2018-19',
    seasonType: 'REGULAR',
    teamId: BOS,
    opponentTeamId: PHI,
    isHome: true,
    started: false,
    dnp: false,
    comment: null,
    minutes: 20,
    fgm: 1,
    fga: 2,
    fg3m: 0,
    fg3a: 0,
    ftm: 0,
    fta: 0,
    oreb: 0,
    dreb: 1,
    reb: 1,
    ast: 0,
    stl: 0,
    blk: 0,
    tov: 0,
    pf: 0,
    pts: 2,
    plusMinus: 0,
    ...overrides,
  };
}

describe('batch rules for box scores', () => {
  it('collapses identical rows for the same player and game', () => {
    const problems = new ProblemCollector();
    const result = collapseDuplicates([line(2), line(3, { playerId: 102 }), line(4)], problems, boxScoreDuplicates());
    expect(problems.total).toBe(0);
    expect(result.collapsed).toBe(1);
    expect(result.rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it('rejects both rows of a conflicting duplicate, naming the field', () => {
    const problems = new ProblemCollector();
    const result = collapseDuplicates([line(2), line(3, { playerId: 102, pts: 4, fgm: 2 })], problems, boxScoreDuplicates());
    expect(result.rows).toEqual([]);
    expect(problems.list().map(formatProblem)).toEqual([
      'row 2, field FGM: player 102 in game 0021800001 also appears in row 3 with FGM 2 (here 1): conflicting duplicate',
      'row 3, field FGM: player 102 in game 0021800001 also appears in row 2 with FGM 1 (here 2): conflicting duplicate',
    ]);
  });

  it("keeps a game's two teams and date consistent across rows", () => {
    const problems = new ProblemCollector();
    reconcileGames([line(2), line(3, { teamId: PHI, opponentTeamId: LAL, isHome: false }), line(4, { gameDate: '2018-10-17' })], new Map(), problems);
    expect(problems.list().map(formatProblem)).toEqual([
      'row 3, field MATCHUP: game 0021800001 is BOS (home) vs PHI in row 2, but this row makes it LAL vs PHI',
      'row 4, field GAME_DATE: game 0021800001 is dated 2018-10-16 in row 2, here 2018-10-17',
    ]);
  });

  it('completes rows without date or side (BoxScoreTraditionalV2) from the stored game, and says when it is missing', () => {
    const stored = new Map<string, StoredGame>([['0021800001', { id: '0021800001', gameDate: '2018-10-16', homeTeamId: BOS, awayTeamId: PHI, status: 'SCHEDULED' }]]);
    const rows = [line(2, { gameDate: null, isHome: null, opponentTeamId: null, teamId: PHI }), line(3, { gameId: '0021800002', gameDate: null, isHome: null, opponentTeamId: null })];
    const problems = new ProblemCollector();
    reconcileGames(rows, stored, problems);
    expect(rows[0]).toMatchObject({ gameDate: '2018-10-16', isHome: false, opponentTeamId: BOS });
    expect(problems.list().map(formatProblem)).toEqual(['row 3, field GAME_DATE: game 0021800002 is not in this batch with a date and MATCHUP, nor stored: import its schedule first']);
    expect(gamesOfRows([rows[0]])).toEqual([{ id: '0021800001', gameDate: '2018-10-16', season: '2018-19', seasonType: 'REGULAR', homeTeamId: BOS, awayTeamId: PHI }]);
  });

  it('rejects rows whose teams contradict the stored game', () => {
    const stored = new Map<string, StoredGame>([['0021800001', { id: '0021800001', gameDate: '2018-10-16', homeTeamId: PHI, awayTeamId: BOS, status: 'FINAL' }]]);
    const problems = new ProblemCollector();
    reconcileGames([line(2)], stored, problems);
    expect(problems.list().map(formatProblem)).toEqual(['row 2, field MATCHUP: game 0021800001 is stored as PHI (home) vs BOS; this row makes it BOS vs PHI']);
  });
  it('rejects a row that dates a stored FINAL game elsewhere (it would move history), and lets a SCHEDULED game move (postponed)', () => {
    const final = new Map<string, StoredGame>([['0021800001', { id: '0021800001', gameDate: '2018-10-16', homeTeamId: BOS, awayTeamId: PHI, status: 'FINAL' }]]);
    const problems = new ProblemCollector();
    reconcileGames([line(3, { gameDate: '2018-10-20' })], final, problems);
    expect(problems.list().map(formatProblem)).toEqual(['row 3, field GAME_DATE: game 0021800001 was played on 2018-10-16 (stored, FINAL); this row dates it 2018-10-20']);

    const scheduled = new Map<string, StoredGame>([['0021800001', { ...final.get('0021800001')!, status: 'SCHEDULED' }]]);
    const none = new ProblemCollector();
    reconcileGames([line(2, { gameDate: '2018-10-20' })], scheduled, none);
    expect(none.total).toBe(0);
  });
});
