import { candidateBaseNames, metricNames } from './promql';

describe('PromQL metric names', () => {
  it('finds the selected metrics and nothing else', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le, stat) (rate(propcast_inference_duration_seconds_bucket{stat=~"POINTS|PRA"}[5m])))')).toEqual([
      'propcast_inference_duration_seconds_bucket',
    ]);
    expect(metricNames('sum(rate(a_total[10m])) / (sum(rate(b_total{x="y z"}[10m])) + 1e-9) > 0.05 and on() vector(1)')).toEqual(['a_total', 'b_total']);
    expect(metricNames('time() - max by (stat) (propcast_training_last_failure_timestamp_seconds) < 3600')).toEqual(['propcast_training_last_failure_timestamp_seconds']);
    expect(metricNames('sum by (stat) (increase(propcast_grades_total[$__range])) offset 1d')).toEqual(['propcast_grades_total']);
    expect(metricNames('up{job=~"ingestion|trainer"} == 0 unless on(job) absent(foo)')).toEqual(['foo', 'up']);
    expect(metricNames('label_replace(x, "dst", "$1", "src", "(.*)")')).toEqual(['x']);
  });

  it('maps histogram series to their base name', () => {
    expect(candidateBaseNames('h_seconds_bucket')).toEqual(['h_seconds_bucket', 'h_seconds']);
    expect(candidateBaseNames('c_total')).toEqual(['c_total']);
  });
});
