// The evaluation shapes are part of a model's metadata.json, so they live in @propcast/model-registry.
export type { Evaluation, RegressionMetrics, MinutesBucketMetrics, BaselineMetrics, BaselineSet, OverUnderMetrics } from '@propcast/model-registry';
