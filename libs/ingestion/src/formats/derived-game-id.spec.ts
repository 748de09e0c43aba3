import { gameTypeOfGameId, seasonOfGameId } from './values';
import { deriveGameId, isDerivedGameId } from './derived-game-id';

const SAC = 1610612758;
const ATL = 1610612737;
const CHA = 1610612766;

describe('deriveGameId', () => {
  it('is NBA-shaped: regular season of the right season, read back by the usual GAME_ID helpers', () => {
    const id = deriveGameId('2024-12-21', SAC);
    expect(id).toMatch(/^\d{10}$/);
    expect(gameTypeOfGameId(id)).toBe('REGULAR');
    expect(seasonOfGameId(id)).toBe('2024-25');
    expect(seasonOfGameId(deriveGameId('2025-04-13', SAC))).toBe('2024-25');
    expect(seasonOfGameId(deriveGameId('2025-10-21', SAC))).toBe('2025-26');
  });

  it('encodes the days since 1 August and the home team: same game, same id; another date or home team, another id', () => {
    // 2024-12-21 is 142 days after 2024-08-01; SAC is team index 21.
    expect(deriveGameId('2024-12-21', SAC)).toBe(`00224${50_000 + 142 * 100 + 21}`);
    expect(deriveGameId('2024-12-21', SAC)).toBe(deriveGameId('2024-12-21', SAC));
    const ids = new Set<string>();
    for (const date of ['2024-10-22', '2024-10-23', '2025-02-28', '2025-06-22']) for (const team of [ATL, SAC, CHA]) ids.add(deriveGameId(date, team));
    expect(ids.size).toBe(12);
  });

  it('never collides with NBA-issued ids and knows its own', () => {
    for (const nba of ['0022401230', '0022400001', '0042400407', '0052400201', '0012400099']) expect(isDerivedGameId(nba)).toBe(false);
    expect(isDerivedGameId(deriveGameId('2024-10-01', ATL))).toBe(true);
    expect(isDerivedGameId(deriveGameId('2025-07-31', CHA))).toBe(true);
    expect(deriveGameId('2025-07-31', CHA)).toMatch(/^00224\d{5}$/);
  });

  it('refuses a team id that is not an NBA franchise', () => {
    expect(() => deriveGameId('2024-12-21', 42)).toThrow('42 is not an NBA TEAM_ID');
  });
});
