import { GameDate } from '@propcast/common';
import { FeatureSetV1 } from '@propcast/features';
import { planProcessors, parseProcessorList } from '../processors/processor-plan';
import { DEFAULT_FEATURE_PROCESSORS } from '../processors/processor-definitions';
import type { FeatureCheckpointRepository } from '../storage/feature-checkpoint.repository';
import { TimelineCheckpoints } from './timeline-checkpoints';

const checkpoints = new TimelineCheckpoints(
  {} as FeatureCheckpointRepository,
  { featureSet: FeatureSetV1, plan: planProcessors(parseProcessorList(DEFAULT_FEATURE_PROCESSORS), FeatureSetV1), rosterGames: 5, upcomingHorizonDays: 2 },
  4,
);

describe('TimelineCheckpoints.savePoints', () => {
  it('saves after the last box-score date and after each month-end of the year before it, not further back', () => {
    const dates: string[] = [];
    for (let d = '2019-10-22'; d <= '2021-03-10'; d = GameDate.addDays(d, 2)) dates.push(d);
    const points = [...checkpoints.savePoints(dates)].sort();
    expect(points[points.length - 1]).toBe(dates[dates.length - 1]);
    expect(points[0]).toBe('2020-03-30'); // March's last date of the list; February's end is more than a year back
    expect(points.map((p) => p.slice(0, 7))).toEqual(['2020-03', '2020-04', '2020-05', '2020-06', '2020-07', '2020-08', '2020-09', '2020-10', '2020-11', '2020-12', '2021-01', '2021-02', '2021-03']);
    for (const p of points.slice(0, -1)) expect(dates[dates.indexOf(p) + 1].slice(0, 7)).not.toBe(p.slice(0, 7));
  });

  it('saves nothing for a run without box scores, and only the date itself for a one-date run', () => {
    expect(checkpoints.savePoints([]).size).toBe(0);
    expect([...checkpoints.savePoints(['2021-05-16'])]).toEqual(['2021-05-16']);
  });
});
