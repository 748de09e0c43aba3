import { ReferenceFeatures, idx, mismatches } from './testing/reference-features';
import { byDate, generateLeague } from './testing/synthetic-league';
import { FeatureComputer } from './feature-computer';

// ~50k player-games through the incremental path. No timing assertions: per-game work is bounded by the
// window sizes (state is ring buffers and running sums), so total work is linear in the number of games.
describe('batch computation over ~50k synthetic player-games', () => {
  it('produces one vector per target date by date, correct on the last date of a long history', () => {
    const league = generateLeague({ seed: 5, teams: 30, rosterSize: 13, datesPerSeason: 115, lineRate: 0.2 });
    expect(league.targets.length).toBeGreaterThan(45_000);
    const days = byDate(league);
    const fc = new FeatureComputer();
    let produced = 0;
    let withLine = 0;
    let missingCounts = 0;
    for (const day of days.slice(0, -1)) {
      for (const v of fc.computeDate(day.date, day.targets, day.lines)) {
        produced++;
        if (!Number.isNaN(v.values[idx('line_points')])) withLine++;
        if (Number.isNaN(v.values[idx('games_played_season')])) missingCounts++;
      }
      fc.ingestDate(day.date, day.playerLogs, day.teamLogs);
    }
    const last = days[days.length - 1];
    const vectors = fc.computeDate(last.date, last.targets, last.lines);
    produced += vectors.length;
    expect(produced).toBe(league.targets.length);
    expect(withLine).toBeGreaterThan(1000);
    expect(missingCounts).toBe(0);

    const reference = new ReferenceFeatures(league.playerLogs, league.teamLogs, last.lines);
    const failures = vectors.flatMap((v, i) => mismatches(v.values, reference.compute(last.targets[i])));
    expect(failures).toEqual([]);
  });
});
