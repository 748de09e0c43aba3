import { normalizePlayerName } from '../formats/player-names';
import { firstNameRelation, foldSpelling, nameForm, reversedFold, type NameForm } from './name-forms';

/** A stored player as the matcher sees him. */
export interface KnownPlayer {
  id: number;
  name: string;
  normalizedName: string;
}

/** A user's alias: the normalised name a feed (or one book: `book` non-empty) uses for a stored player. */
export interface KnownAlias {
  alias: string;
  book: string;
  playerId: number;
}

/** The game a line is for: the players must belong to one of its teams on its date. */
export interface GameTeams {
  gameDate: string;
  homeTeamId: number;
  awayTeamId: number;
}

/** How a feed's name was matched (stored in prop_lines.match_reason). */
export type MatchReason = 'alias' | 'name' | 'name+team' | 'spelling' | 'reversed' | 'nickname' | 'first-name prefix' | 'middle names' | 'initials';

export type MatchResult = { playerId: number; reason: MatchReason } | { problem: string };

/** The team a player played for on a date (from his stored games within about a season of it: teamOnDate), or null. */
export type TeamOn = (playerId: number, date: string) => number | null;

interface Tier {
  reason: MatchReason;
  players: KnownPlayer[];
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Finds the stored player a name-only feed means, trying in order: the user's aliases (the book's own first), the
 * normalised name (accents, suffixes, punctuation dropped; namesakes told apart by team), then forms that only count
 * for a player of the game's two teams on its date: the same spelling folded, the name reversed, a nickname of the
 * first name, a first name that starts the other, middle names added, initials. The first tier that finds exactly
 * one player decides; a tier that finds two or more rejects the row with every name, so two people are never joined.
 */
export class PlayerMatcher {
  private readonly byName = new Map<string, KnownPlayer[]>();
  private readonly byFolded = new Map<string, KnownPlayer[]>();
  private readonly bySurname = new Map<string, KnownPlayer[]>();
  private readonly byLast = new Map<string, KnownPlayer[]>();
  private readonly aliases = new Map<string, number>();
  private readonly aliasedNames = new Set<string>();
  private readonly byId = new Map<number, KnownPlayer>();
  private readonly forms = new Map<number, NameForm>();

  constructor(players: readonly KnownPlayer[], aliases: readonly KnownAlias[]) {
    for (const p of players) {
      const form = nameForm(p.normalizedName);
      this.byId.set(p.id, p);
      this.forms.set(p.id, form);
      push(this.byName, p.normalizedName, p);
      push(this.byFolded, form.folded, p);
      push(this.bySurname, form.surname, p);
      push(this.byLast, form.last, p);
    }
    for (const a of aliases) {
      this.aliases.set(`${a.alias}|${a.book}`, a.playerId);
      this.aliasedNames.add(a.alias);
    }
  }

  /** Ids of the players whose team on a game's date the match of `name` may need (load their history first). */
  candidateIds(name: string): number[] {
    const normalized = normalizePlayerName(name);
    const tiers = this.tiers(nameForm(normalized));
    // An aliased name's own holders are checked against the game too (see match).
    const holders = this.aliasedNames.has(normalized) ? (this.byName.get(normalized) ?? []).map((p) => p.id) : [];
    return [...new Set([...holders, ...tiers.flatMap((t) => (t.reason === 'name' && t.players.length === 1 ? [] : t.players.map((p) => p.id)))])];
  }

  match(name: string, book: string, game: GameTeams, teamOn: TeamOn): MatchResult {
    const normalized = normalizePlayerName(name);
    const plays = (p: KnownPlayer): boolean => {
      const team = teamOn(p.id, game.gameDate);
      return team === game.homeTeamId || team === game.awayTeamId;
    };
    const aliased = this.aliases.get(`${normalized}|${book}`) ?? this.aliases.get(`${normalized}|`);
    if (aliased !== undefined) {
      // The alias was refused if its name's holder had played with its player; one who plays this game now (a
      // namesake who joined the team later) makes the row ambiguous: two players, never joined.
      const holders = (this.byName.get(normalized) ?? []).filter((p) => p.id !== aliased && plays(p));
      if (holders.length === 0) return { playerId: aliased, reason: 'alias' };
      const who = [this.byId.get(aliased), ...holders].map((p) => (p ? `${p.name} (${p.id})` : `player ${aliased}`)).join(', ');
      return { problem: `${JSON.stringify(name)} matches ${holders.length + 1} players (${who}): the alias's player and a player of that name in the game; give player_id or remove the alias` };
    }
    for (const tier of this.tiers(nameForm(normalized))) {
      // A single player of that exact name is trusted without his team (the rule before nicknames existed); every
      // looser form must also belong to one of the game's teams.
      const exactAlone = tier.reason === 'name' && tier.players.length === 1;
      const inGame = exactAlone ? tier.players : tier.players.filter(plays);
      if (inGame.length === 1) return { playerId: inGame[0].id, reason: tier.reason === 'name' && !exactAlone ? 'name+team' : tier.reason };
      if (inGame.length > 1 || (tier.reason === 'name' && tier.players.length > 1)) {
        const who = (inGame.length > 1 ? inGame : tier.players).map((p) => `${p.name} (${p.id})`).join(', ');
        const n = inGame.length > 1 ? inGame.length : tier.players.length;
        return { problem: `${JSON.stringify(name)} matches ${n} players (${who}) by ${tier.reason}; give player_id or add an alias` };
      }
    }
    return { problem: `no stored player is named ${JSON.stringify(name)}` };
  }

  /** The candidates of each tier, most certain first; empty tiers left out. */
  private tiers(form: NameForm): Tier[] {
    const exact = this.byName.get(form.normalized) ?? [];
    const notExact = (p: KnownPlayer): boolean => p.normalizedName !== form.normalized;
    const firstRelated =
      (relation: 'nickname' | 'first-name prefix') =>
      (p: KnownPlayer): boolean =>
        firstNameRelation(form.first, (this.forms.get(p.id) as NameForm).first) === relation;
    const sameSurname = form.surname ? (this.bySurname.get(form.surname) ?? []) : [];
    const reversed = reversedFold(form);
    const longer = form.tokens.length >= 3 ? (this.byLast.get(form.last) ?? []) : [];
    const initials = form.tokens
      .slice(0, -1)
      .map((t) => t[0])
      .join('');
    const tiers: Tier[] = [
      { reason: 'name', players: exact },
      { reason: 'spelling', players: (this.byFolded.get(form.folded) ?? []).filter(notExact) },
      { reason: 'reversed', players: reversed ? (this.byFolded.get(reversed) ?? []) : [] },
      { reason: 'nickname', players: sameSurname.filter(firstRelated('nickname')) },
      { reason: 'first-name prefix', players: sameSurname.filter(firstRelated('first-name prefix')) },
      { reason: 'middle names', players: longer.filter((p) => (this.forms.get(p.id) as NameForm).first === form.first) },
      { reason: 'initials', players: longer.filter((p) => foldSpelling((this.forms.get(p.id) as NameForm).first) === initials) },
    ];
    return tiers.filter((t) => t.players.length > 0);
  }
}
