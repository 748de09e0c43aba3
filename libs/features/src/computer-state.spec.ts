import { loadRealPlayerLogs } from './testing/real-boxscores';
import { FeatureStateError } from './errors';
import { encodeFeatureValues } from './feature-codec';
import { createFeatureComputer, readComputerState, writeComputerState, type PointInTimeFeatureComputer } from './feature-computers';
import { defineFeatureSet, type FeatureSet } from './feature-set';
import { FeatureSetV1 } from './feature-set-v1';
import { FeatureSetV2 } from './feature-set-v2';
import { FeatureSetV3 } from './feature-set-v3';
import { StateReader, StateWriter } from './state-codec';
import { buildTeamGameLogs } from './team-game-logs';
import type { PlayerGameLog, TargetGame, TeamGameLog } from './types';

interface Day {
  date: string;
  targets: TargetGame[];
  players: PlayerGameLog[];
  teams: TeamGameLog[];
}

// Two real regular seasons: windows, EMAs and head-to-head records cross the season boundary.
const logs = loadRealPlayerLogs(['2017-18', '2018-19']);
const days: Day[] = (() => {
  const byDate = new Map<string, PlayerGameLog[]>();
  for (const l of logs) byDate.set(l.gameDate, [...(byDate.get(l.gameDate) ?? []), l]);
  return [...byDate.keys()].sort().map((date) => {
    const players = byDate.get(date) as PlayerGameLog[];
    const targets = players.map((l) => ({ ...l, cutoffAt: new Date(`${date}T16:00:00Z`) }));
    return { date, targets, players, teams: buildTeamGameLogs(players) };
  });
})();

/** Walks days[from..] with `computer`, returning the hex of every vector by player and game. */
function walk(computer: PointInTimeFeatureComputer, from: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of days.slice(from)) {
    for (const v of computer.computeDate(d.date, d.targets)) out.set(`${v.playerId}:${v.gameId}`, encodeFeatureValues(v.values).toString('hex'));
    computer.ingestDate(d.date, d.players, d.teams);
  }
  return out;
}

function save(computer: PointInTimeFeatureComputer): Buffer {
  const w = new StateWriter();
  writeComputerState(computer, w);
  return w.finish();
}

function restore(featureSet: FeatureSet, state: Buffer): PointInTimeFeatureComputer {
  const r = new StateReader(state);
  const computer = readComputerState(featureSet, r);
  r.end();
  return computer;
}

describe.each([FeatureSetV1, FeatureSetV2, FeatureSetV3])('saved state of $id', (featureSet) => {
  const full = walk(createFeatureComputer(featureSet), 0);

  it.each([
    ['early in the first season', 20],
    ['at the season boundary', days.findIndex((d) => d.players[0].season === '2018-19')],
    ['late in the second season', days.length - 15],
  ])('a computer restored %s continues byte for byte like the full replay', (_label, cut) => {
    const upTo = createFeatureComputer(featureSet);
    for (const d of days.slice(0, cut)) {
      upTo.computeDate(d.date, d.targets);
      upTo.ingestDate(d.date, d.players, d.teams);
    }
    const state = save(upTo);
    const restored = restore(featureSet, state);
    expect(restored.lastIngestedDate).toBe(days[cut - 1].date);
    expect(save(restored).equals(state)).toBe(true);
    const continued = walk(restored, cut);
    const expected = [...full].filter(([key]) => continued.has(key));
    expect(continued.size).toBe(days.slice(cut).reduce((n, d) => n + d.targets.length, 0));
    expect(expected).toHaveLength(continued.size);
    const differing = expected.filter(([key, hex]) => continued.get(key) !== hex).map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('refuses to go back in time after a restore (the checkpoint date is in the state)', () => {
    const c = createFeatureComputer(featureSet);
    for (const d of days.slice(0, 5)) c.ingestDate(d.date, d.players, d.teams);
    const restored = restore(featureSet, save(c));
    expect(() => restored.computeDate(days[4].date, days[4].targets)).toThrow(/already in the state/);
  });
});

describe('a saved state is never used by another feature-set version', () => {
  const v1 = createFeatureComputer(FeatureSetV1);
  const v2 = createFeatureComputer(FeatureSetV2);
  for (const d of days.slice(0, 10)) {
    v1.ingestDate(d.date, d.players, d.teams);
    v2.ingestDate(d.date, d.players, d.teams);
  }

  it('v1 state into v2 and v2 state into v1 are refused', () => {
    expect(() => restore(FeatureSetV2, save(v1))).toThrow(FeatureStateError);
    expect(() => restore(FeatureSetV1, save(v2))).toThrow(/is of player-props@v2/);
  });

  it('a state saved under another definition hash of the same id is refused', () => {
    const edited = defineFeatureSet(FeatureSetV1.name, FeatureSetV1.version, 'player-props/1.1', FeatureSetV1.featureNames);
    const w = new StateWriter();
    writeComputerState({ ...v1, featureSet: edited, writeState: (x: StateWriter) => v1.writeState(x) } as PointInTimeFeatureComputer, w);
    expect(() => restore(FeatureSetV1, w.finish())).toThrow(/definition/);
  });

  it('a truncated state is refused, not half restored', () => {
    const state = save(v1);
    expect(() => restore(FeatureSetV1, state.subarray(0, state.length - 3))).toThrow(FeatureStateError);
    expect(() => restore(FeatureSetV1, Buffer.concat([state, Buffer.alloc(1)]))).toThrow(/unread bytes/);
  });
});
