import { ReferenceFeatures, mismatches } from './testing/reference-features';
import { byDate, generateLeague } from './testing/synthetic-league';
import { FeatureComputer } from './feature-computer';

describe('FeatureComputer against a naive re-scan reference', () => {
  it('matches every feature of a sample of synthetic targets (with DNPs, unknown stats, trades, two seasons, lines)', () => {
    const league = generateLeague({ seed: 3, teams: 10, rosterSize: 11, datesPerSeason: 50, nullRate: 0.03, lineRate: 0.5 });
    const reference = new ReferenceFeatures(league.playerLogs, league.teamLogs, league.lines);
    const fc = new FeatureComputer();
    let checked = 0;
    const failures: string[] = [];
    for (const day of byDate(league)) {
      const vectors = fc.computeDate(day.date, day.targets, day.lines);
      vectors.forEach((v, i) => {
        if ((i + day.date.charCodeAt(9)) % 7 !== 0) return;
        checked++;
        for (const m of mismatches(v.values, reference.compute(day.targets[i]))) failures.push(`${v.playerId}/${v.gameId} ${m}`);
      });
      fc.ingestDate(day.date, day.playerLogs, day.teamLogs);
    }
    expect(checked).toBeGreaterThan(1000);
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
