import { createHash } from 'node:crypto';
import type { StatDataset } from './dataset.types';

/** sha256 (hex) of a dataset's identity: stat, feature set, time window and every row id in order. */
export function datasetFingerprint(ds: Pick<StatDataset, 'stat' | 'featureSetId' | 'window' | 'rowIds' | 'size'>): string {
  const hash = createHash('sha256');
  hash.update(`${ds.stat}\n${ds.featureSetId}\n${ds.window.from}..${ds.window.to}\n`);
  const chunk: string[] = [];
  for (let i = 0; i < ds.size; i++) {
    chunk.push(String(ds.rowIds[i]));
    if (chunk.length === 10_000) {
      hash.update(chunk.join('\n') + '\n');
      chunk.length = 0;
    }
  }
  hash.update(chunk.join('\n'));
  return hash.digest('hex');
}
