/** A box-score row in the Propcast JSON body (`{ rows: [...] }`) that POST /ingest/box-scores and ImportBatch accept. */
export interface BoxScoreJsonRow {
  playerId: number;
  playerName: string;
  gameId: string;
  gameDate: string;
  team: string;
  opponent: string;
  isHome: boolean;
  minutes: string;
  pts: number;
  reb: number;
  ast: number;
  fg3m: number;
  fgm: number;
  fga: number;
  ftm: number;
  fta: number;
}

/** One player's line in game 0022300001 (2023-10-24, DEN at home to LAL): 21 points on 10/16; `overrides` change any field. */
export function boxScoreJsonRow(playerId: number, overrides: Partial<BoxScoreJsonRow> = {}): BoxScoreJsonRow {
  return {
    playerId,
    playerName: `Player ${playerId}`,
    gameId: '0022300001',
    gameDate: '2023-10-24',
    team: 'DEN',
    opponent: 'LAL',
    isHome: true,
    minutes: '34:12',
    pts: 21,
    reb: 8,
    ast: 5,
    fg3m: 1,
    fgm: 10,
    fga: 16,
    ftm: 0,
    fta: 1,
    ...overrides,
  };
}
