import { resolveTeam, teamById, type NbaTeam } from '../teams/nba-teams';
import type { RecordReader } from './record-reader';

/** Team columns of a record (tricode, full name, city, ESPN code or TEAM_ID), resolved once per distinct text. */
export class TeamColumns<F extends string> {
  private readonly cache = new Map<string, NbaTeam | null>();

  constructor(private readonly r: RecordReader<F>) {}

  /** The team a text names, or null. */
  resolve(text: string): NbaTeam | null {
    let team = this.cache.get(text);
    if (team === undefined) this.cache.set(text, (team = resolveTeam(text) ?? null));
    return team;
  }

  /** The team a column names; null when absent or blank, undefined when unknown or unreadable (problem recorded). */
  read(f: F): NbaTeam | null | undefined {
    const r = this.r;
    if (!r.has(f)) return null;
    const raw = r.raw(f);
    if (typeof raw === 'number') return teamById(raw) ?? this.unknown(f, String(raw));
    const text = r.text(f);
    if (text === null || text === undefined) return text;
    return this.resolve(text) ?? this.unknown(f, text);
  }

  private unknown(f: F, text: string): undefined {
    this.r.problem(f, `${JSON.stringify(text)} is not an NBA team`);
    return undefined;
  }
}
