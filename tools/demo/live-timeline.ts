// The live game day of `npm run demo -- --live`: what arrives before tip-off, in time order, each event labelled with
// where it comes from. Pure: the inputs are read elsewhere (live-replay.repository.ts, the day's box-score file).

/** A game of the slate; `tipoffAt` null when the schedule has no time (then ASSUMED_TIPOFF_UTC is used, and said). */
export interface TimelineGame {
  gameId: string;
  tipoffAt: Date | null;
}

/** The opening (already ingested) snapshot of one prop. */
export interface OpeningLine {
  playerId: number;
  gameId: string;
  stat: string;
  line: number;
  overPrice: number;
  underPrice: number;
  capturedAt: Date;
}

/** A player the day's real box score lists as out before tip-off (DND / NWT / inactive). */
export interface OutPlayer {
  playerId: number;
  playerName: string;
  team: string;
  gameId: string;
  comment: string;
}

/**
 * `simulated-line`: a line move made up by the demo (the data has one snapshot of the day); `boxscore-derived-report`:
 * a real OUT fact of the day's box score, sent as an availability report at a made-up time before tip-off.
 */
export type TimelineLabel = 'simulated-line' | 'boxscore-derived-report';

export interface TimelineEvent {
  at: Date;
  kind: 'lines' | 'availability';
  label: TimelineLabel;
  gameId: string;
  /** One line per prop or player: what arrives. */
  what: string;
  /** The CSV the event posts to the ingestion service (props or availability format). */
  csv: string;
}

export interface TimelineOptions {
  /** Line moves per game (spread over the hours before tip-off). */
  movesPerGame?: number;
  /** Only events at or after / before these instants. */
  from?: Date;
  to?: Date;
}

/** Tip-off assumed for a game whose schedule has no time: 23:00 UTC (7 pm Eastern), labelled as assumed. */
export const ASSUMED_TIPOFF_UTC = '23:00:00Z';
/** Before tip-off, when each made-up line move happens (minutes), in order of move number. */
const MOVE_OFFSETS_MIN = [300, 150, 45, 200, 90, 20];
/** Before tip-off, when a team's made-up OUT report arrives (the official report is due hours before; minutes). */
const REPORT_OFFSET_MIN = 120;

export function tipoffOf(game: TimelineGame, day: string): { at: Date; assumed: boolean } {
  return game.tipoffAt ? { at: game.tipoffAt, assumed: false } : { at: new Date(`${day}T${ASSUMED_TIPOFF_UTC}`), assumed: true };
}

/** A small deterministic hash (FNV-1a) so the simulated moves are the same on every run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The move a prop makes: half a point either way and the price shaded towards the side it moved from. */
function moveOf(open: OpeningLine, n: number): { line: number; overPrice: number; underPrice: number } {
  const up = hash(`${open.playerId}|${open.stat}|${n}`) % 2 === 0;
  const line = Math.max(0.5, open.line + (up ? 0.5 : -0.5));
  return up ? { line, overPrice: -105, underPrice: -115 } : { line, overPrice: -115, underPrice: -105 };
}

const PROPS_HEADER = 'player_id,game_id,stat,line,over_price,under_price,book,captured_at';
const AVAILABILITY_HEADER = 'player_id,team,game_id,current_status,reason,reported_at';

/**
 * The replay's events: per game, `movesPerGame` simulated line moves (each moves one prop of the game, chosen by a
 * deterministic hash, by half a point, book PROXY like the opening snapshot) and one OUT report per team with real
 * out-before-tip-off players. Nothing at or after the game's tip-off, nothing at or before its opening snapshot.
 * Sorted by time, then game, then kind (lines first).
 */
export function buildLiveTimeline(day: string, games: readonly TimelineGame[], lines: readonly OpeningLine[], outs: readonly OutPlayer[], options: TimelineOptions = {}): TimelineEvent[] {
  const movesPerGame = options.movesPerGame ?? 3;
  const events: TimelineEvent[] = [];
  for (const game of games) {
    const tipoff = tipoffOf(game, day).at;
    const gameLines = lines.filter((l) => l.gameId === game.gameId).sort((a, b) => hash(`${a.playerId}|${a.stat}`) - hash(`${b.playerId}|${b.stat}`) || a.playerId - b.playerId);
    const opened = gameLines.reduce((t, l) => Math.max(t, l.capturedAt.getTime()), 0);
    const inWindow = (at: Date) => at.getTime() > opened && at.getTime() < tipoff.getTime();
    for (let n = 0; n < Math.min(movesPerGame, gameLines.length); n++) {
      const at = new Date(tipoff.getTime() - MOVE_OFFSETS_MIN[n % MOVE_OFFSETS_MIN.length] * 60_000 - Math.floor(n / MOVE_OFFSETS_MIN.length) * 60_000);
      if (!inWindow(at)) continue;
      const open = gameLines[n];
      const m = moveOf(open, n);
      events.push({
        at,
        kind: 'lines',
        label: 'simulated-line',
        gameId: game.gameId,
        what: `player ${open.playerId} ${open.stat} ${open.line} -> ${m.line} (over ${m.overPrice} / under ${m.underPrice})`,
        csv: `${PROPS_HEADER}\n${open.playerId},${open.gameId},${open.stat},${m.line},${m.overPrice},${m.underPrice},PROXY,${at.toISOString()}\n`,
      });
    }
    const teams = [...new Set(outs.filter((o) => o.gameId === game.gameId).map((o) => o.team))].sort();
    teams.forEach((team, i) => {
      const at = new Date(tipoff.getTime() - (REPORT_OFFSET_MIN + 10 * i) * 60_000);
      if (!inWindow(at)) return;
      const players = outs.filter((o) => o.gameId === game.gameId && o.team === team).sort((a, b) => a.playerId - b.playerId);
      events.push({
        at,
        kind: 'availability',
        label: 'boxscore-derived-report',
        gameId: game.gameId,
        what: players.map((p) => `${p.playerName} (${team}) OUT: ${p.comment}`).join('; '),
        csv: `${AVAILABILITY_HEADER}\n${players.map((p) => `${p.playerId},${team},${game.gameId},OUT,${csvText(p.comment)},${at.toISOString()}`).join('\n')}\n`,
      });
    });
  }
  const kindOrder = { lines: 0, availability: 1 };
  return events
    .filter((e) => (!options.from || e.at >= options.from) && (!options.to || e.at <= options.to))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.gameId.localeCompare(b.gameId) || kindOrder[a.kind] - kindOrder[b.kind]);
}

function csvText(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** How a label reads in the replay's output. */
export function labelText(label: TimelineLabel): string {
  return label === 'simulated-line' ? 'SIMULATED line move (proxy line, not a real price)' : 'OUT report from the real box score (report time made up)';
}
