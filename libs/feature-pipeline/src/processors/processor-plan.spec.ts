import { FeatureSetV1 } from '@propcast/features';
import { InvalidProcessorsError } from '../errors';
import { DEFAULT_FEATURE_PROCESSORS, PROCESSOR_DEFINITIONS } from './processor-definitions';
import { maskUnplannedColumns, parseProcessorList, planProcessors } from './processor-plan';

describe('processor plan', () => {
  it('has a default that lists every processor in dependency order and owns every feature exactly once', () => {
    expect(DEFAULT_FEATURE_PROCESSORS).toBe('team-defense,player-form,player-context');
    const plan = planProcessors(parseProcessorList(DEFAULT_FEATURE_PROCESSORS), FeatureSetV1);
    expect(plan.maskedColumns).toEqual([]);
    for (const name of FeatureSetV1.featureNames) expect(PROCESSOR_DEFINITIONS.filter((p) => p.owns(name))).toHaveLength(1);
    expect(FeatureSetV1.featureNames.filter((n) => PROCESSOR_DEFINITIONS[0].owns(n))).toEqual([
      'team_pace_last10',
      'opp_pace_last10',
      'opp_allowed_points_last15',
      'opp_allowed_rebounds_last15',
      'opp_allowed_assists_last15',
    ]);
  });

  it('orders configured processors after their dependencies', () => {
    expect(planProcessors(parseProcessorList(' player-context, player-form ,team-defense'), FeatureSetV1).names).toEqual(['player-form', 'team-defense', 'player-context']);
  });

  it('masks the columns of processors that are not configured', () => {
    const plan = planProcessors(['player-form'], FeatureSetV1);
    expect(plan.maskedColumns.map((i) => FeatureSetV1.featureNames[i])).toEqual(FeatureSetV1.featureNames.slice(72));
    expect(FeatureSetV1.featureNames.slice(70, 73)).toEqual(['pra_momentum', 'pra_avg_vs_opp', 'is_home']);
    const values = new Float32Array(FeatureSetV1.featureNames.length).fill(1);
    maskUnplannedColumns(plan, values);
    expect(values.filter((v) => v === 1)).toHaveLength(72);
  });

  it.each([
    ['', 'FEATURE_PROCESSORS is empty'],
    ['player-form,injuries', 'unknown processor "injuries" (known: team-defense, player-form, player-context)'],
    ['player-form,player-form', 'processor "player-form" is listed twice'],
    ['player-context,player-form', 'processor "player-context" runs after "team-defense", which is not configured'],
  ])('rejects %j', (value, message) => {
    expect(() => planProcessors(parseProcessorList(value), FeatureSetV1)).toThrow(InvalidProcessorsError);
    expect(() => planProcessors(parseProcessorList(value), FeatureSetV1)).toThrow(message);
  });
});
