import { proxyLine } from '@propcast/prediction';
import type { StatDataset } from '../dataset/dataset.types';
import { featureColumn } from '../dataset/stat-dataset';
import { baselineFeature } from './baselines';

/** The line each row is graded against: a real prop line where one exists, else the proxy line, else none (NaN). */
export interface RowLines {
  line: Float64Array;
  source: ('real' | 'proxy' | null)[];
}

/** Real line (latest before cutoff) when known, otherwise proxyLine(season average before the game); NaN without either. */
export function selectLines(ds: StatDataset): RowLines {
  const seasonAvg = featureColumn(ds, baselineFeature(ds, 'seasonAvg'));
  const line = new Float64Array(ds.size);
  const source: RowLines['source'] = new Array(ds.size);
  for (let i = 0; i < ds.size; i++) {
    if (Number.isFinite(ds.line[i])) {
      line[i] = ds.line[i];
      source[i] = 'real';
    } else {
      line[i] = proxyLine(seasonAvg[i]);
      source[i] = Number.isFinite(line[i]) ? 'proxy' : null;
    }
  }
  return { line, source };
}
