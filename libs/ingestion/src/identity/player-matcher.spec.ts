import { normalizePlayerName } from '../formats/player-names';
import { PlayerMatcher, type KnownAlias, type TeamOn } from './player-matcher';

const BOS = 1610612738;
const MIL = 1610612749;
const NOP = 1610612740;
const BKN = 1610612751;
const WAS = 1610612764;
const DEN = 1610612743;
const TOR = 1610612761;

const players = [
  [203999, 'Nikola Jokić', DEN],
  [1628386, 'Jarrett Allen', 0],
  [1629651, 'Nic Claxton', BKN],
  [1630529, 'Herbert Jones', NOP],
  [1629021, 'Moritz Wagner', 0],
  [1626162, 'Kelly Oubre Jr.', 0],
  [1629006, 'Josh Okogie', 0],
  [203507, 'Giannis Antetokounmpo', MIL],
  [203648, 'Thanasis Antetokounmpo', MIL],
  [1630577, 'Julian Champagnie', 0],
  [1641719, 'Bobby Portis', MIL],
  [1630581, 'Jakob Pöltl', TOR],
  [203468, 'CJ McCollum', NOP],
  [1628384, 'OG Anunoby', 0],
  [1627732, 'Kyle Anderson', 0],
  [1631000, 'Justin Holiday', WAS],
  [1631001, 'Jrue Holiday', BOS],
  [1631002, 'Aaron Holiday', 0],
] as const;

const known = players.map(([id, name]) => ({ id, name, normalizedName: normalizePlayerName(name) }));
const teamOn: TeamOn = (id) => players.find((p) => p[0] === id)?.[2] ?? null;
const game = (homeTeamId: number, awayTeamId: number) => ({ gameDate: '2025-01-10', homeTeamId, awayTeamId });

function matcher(aliases: KnownAlias[] = []): PlayerMatcher {
  return new PlayerMatcher(known, aliases);
}

describe('PlayerMatcher', () => {
  it.each([
    ['Nikola Jokic', DEN, 203999, 'name'], // diacritics
    ['Kelly Oubre', DEN, 1626162, 'name'], // suffix dropped by the book
    ['Kelly Oubre Jr', DEN, 1626162, 'name'],
    ['Nicolas Claxton', BKN, 1629651, 'nickname'],
    ['Herb Jones', NOP, 1630529, 'nickname'],
    ['Jakob Poeltl', TOR, 1630581, 'spelling'], // ö written oe
    ['Portis, Bobby', MIL, 1641719, 'reversed'],
    ['G Antetokounmpo', MIL, 203507, 'first-name prefix'], // Thanasis starts with T
    ['Christian James McCollum', NOP, 203468, 'initials'],
    ['Daniel Theis (IND)', DEN, undefined, undefined],
  ])('%s → %s', (name, team, id, reason) => {
    const result = matcher().match(name, 'fanduel', game(team, WAS), teamOn);
    if (id === undefined) expect(result).toEqual({ problem: `no stored player is named ${JSON.stringify(name)}` });
    else expect(result).toEqual({ playerId: id, reason });
  });

  it('matches a loose form only to a player of the game’s two teams', () => {
    expect(matcher().match('Nicolas Claxton', 'fanduel', game(NOP, WAS), teamOn)).toEqual({ problem: 'no stored player is named "Nicolas Claxton"' });
  });

  it('rejects a name that two players of the game could carry, naming both', () => {
    expect(matcher().match('J. Holiday', 'fanduel', game(BOS, WAS), teamOn)).toEqual({
      problem: '"J. Holiday" matches 2 players (Justin Holiday (1631000), Jrue Holiday (1631001)) by first-name prefix; give player_id or add an alias',
    });
  });

  it('never takes a twin for his brother: Justin is not Julian Champagnie', () => {
    const champagnies = new PlayerMatcher([{ id: 1630577, name: 'Julian Champagnie', normalizedName: 'julian champagnie' }], []);
    expect(champagnies.match('Justin Champagnie', 'fanduel', game(NOP, WAS), () => NOP)).toEqual({ problem: 'no stored player is named "Justin Champagnie"' });
  });

  it('takes the book’s own alias before one for every book, and both before the name', () => {
    const aliases = [
      { alias: 'big o', book: '', playerId: 1628384 },
      { alias: 'big o', book: 'bovada', playerId: 1627732 },
    ];
    expect(matcher(aliases).match('Big O', 'bovada', game(NOP, WAS), teamOn)).toEqual({ playerId: 1627732, reason: 'alias' });
    expect(matcher(aliases).match('Big O', 'fanduel', game(NOP, WAS), teamOn)).toEqual({ playerId: 1628384, reason: 'alias' });
  });

  it('rejects an aliased name when a player of that name plays the game too, naming both', () => {
    // A (contrived) alias of "Justin Holiday" for Jrue: fine while Justin's team is not in the game.
    const aliases = [{ alias: 'justin holiday', book: '', playerId: 1631001 }];
    expect(matcher(aliases).match('Justin Holiday', 'fanduel', game(BOS, MIL), teamOn)).toEqual({ playerId: 1631001, reason: 'alias' });
    expect(matcher(aliases).match('Justin Holiday', 'fanduel', game(BOS, WAS), teamOn)).toEqual({
      problem: `"Justin Holiday" matches 2 players (Jrue Holiday (1631001), Justin Holiday (1631000)): the alias's player and a player of that name in the game; give player_id or remove the alias`,
    });
    expect(matcher(aliases).candidateIds('Justin Holiday')).toContain(1631000);
  });
});
