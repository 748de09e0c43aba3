import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineFeatureSet, featureDefinitionHash } from './feature-set';
import { FeatureSetV1 } from './feature-set-v1';

const perStat = (s: string) =>
  ['avg_last3', 'avg_last5', 'avg_last10', 'ema', 'season_avg', 'std_last10', 'min_last10', 'max_last10', 'median_last10', 'slope_last10', 'momentum', 'avg_vs_opp'].map((f) => `${s}_${f}`);

/** The pinned v1 layout: changing it requires a new feature-set version (models are trained on this order). */
const PINNED_V1_NAMES = [
  ...perStat('points'),
  ...perStat('rebounds'),
  ...perStat('assists'),
  ...perStat('threes'),
  ...perStat('minutes'),
  ...perStat('pra'),
  'is_home',
  'rest_days',
  'back_to_back',
  'games_played_season',
  'games_vs_opp',
  'minutes_trend',
  'usage_proxy_last10',
  'team_pace_last10',
  'opp_pace_last10',
  'opp_allowed_points_last15',
  'opp_allowed_rebounds_last15',
  'opp_allowed_assists_last15',
  'line_points',
  'line_rebounds',
  'line_assists',
  'line_threes',
  'line_pra',
];
const PINNED_V1_HASH = '037657a11cfb1b58cadc631677cdab2c79e4aff23c8a45dd4ba99c193b658e36';

describe('FeatureSetV1', () => {
  it('has the pinned identity, names and hash', () => {
    expect(FeatureSetV1.name).toBe('player-props');
    expect(FeatureSetV1.version).toBe(1);
    expect(FeatureSetV1.id).toBe('player-props@v1');
    expect(FeatureSetV1.featureNames).toEqual(PINNED_V1_NAMES);
    expect(FeatureSetV1.featureNames).toHaveLength(89);
    expect(new Set(FeatureSetV1.featureNames).size).toBe(89);
    expect(FeatureSetV1.definitionHash).toBe(PINNED_V1_HASH);
  });

  it('hashes the definition version and the ordered names with sha256', () => {
    const expected = createHash('sha256')
      .update([FeatureSetV1.definitionVersion, ...PINNED_V1_NAMES].join('\n'))
      .digest('hex');
    expect(featureDefinitionHash(FeatureSetV1.definitionVersion, PINNED_V1_NAMES)).toBe(expected);
  });

  it('changes the hash when a name, the order or the definition version changes', () => {
    const base = featureDefinitionHash('d1', ['a', 'b']);
    expect(featureDefinitionHash('d1', ['a', 'c'])).not.toBe(base);
    expect(featureDefinitionHash('d1', ['b', 'a'])).not.toBe(base);
    expect(featureDefinitionHash('d2', ['a', 'b'])).not.toBe(base);
  });

  it('derives the id from name and version, so a changed name list published as a new version gets a new id', () => {
    const changed = defineFeatureSet('player-props', 2, 'player-props/2.0', [...PINNED_V1_NAMES, 'extra']);
    expect(changed.id).toBe('player-props@v2');
    expect(changed.id).not.toBe(FeatureSetV1.id);
    expect(changed.definitionHash).not.toBe(FeatureSetV1.definitionHash);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(FeatureSetV1)).toBe(true);
    expect(Object.isFrozen(FeatureSetV1.featureNames)).toBe(true);
  });

  it('is fully documented in the README feature dictionary, in order', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...FeatureSetV1.featureNames]);
  });
});
