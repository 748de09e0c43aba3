import { counter, gauge, histogram } from '@propcast/observability';

const FAST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const JOB_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const BATCH_BUCKETS = [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** Every Prometheus metric of prediction serving (coordinator and worker), created once per process. */
export const servingMetrics = {
  /** Predictions written, by stat, model id, role and recommendation. */
  predictions: counter('propcast_predictions_total', 'Predictions written, by stat, model, role and recommendation', ['stat', 'model', 'role', 'recommendation']),
  /** Prediction requests that failed, by stat and reason code (no_production_model, model_artifact, ...). */
  requestFailures: counter('propcast_prediction_request_failures_total', 'Prediction requests that failed, by stat and reason', ['stat', 'reason']),
  /** One ONNX run over a job's rows for one model. */
  inferenceDuration: histogram('propcast_inference_duration_seconds', 'ONNX inference time of one batch of rows for one model', ['stat', 'model'], FAST_BUCKETS),
  /** Rows per ONNX run. */
  inferenceRows: histogram('propcast_inference_rows', 'Rows per ONNX inference run', ['stat'], [1, 10, 50, 100, 250, 500, 1000, 2500, 5000]),
  /** Feature lookup of one job (all its players at once). */
  featureLookupDuration: histogram('propcast_feature_lookup_duration_seconds', 'Feature lookup time of one prediction job', [], FAST_BUCKETS),
  /** Time a worker spent on one job, by outcome (done, skipped, failed). */
  jobDuration: histogram('propcast_prediction_job_duration_seconds', 'Worker processing time of one prediction job', ['outcome'], JOB_BUCKETS),
  /** Time from enqueue to the end of processing of one job (queue wait included). */
  jobLatency: histogram('propcast_prediction_job_latency_seconds', 'Time from enqueue to finished processing of one prediction job', [], JOB_BUCKETS),
  /** Jobs in the queue by BullMQ state (waiting, active, delayed, failed, completed, prioritized). */
  queueJobs: gauge('propcast_queue_jobs', 'Jobs in a BullMQ queue by state', ['queue', 'state']),
  /** Age of the oldest job still waiting in the queue (0 when none waits). */
  queueOldestWaitingAge: gauge('propcast_queue_oldest_waiting_age_seconds', 'Age of the oldest waiting job of a BullMQ queue', ['queue']),
  /** Time from batch start to its terminal state. */
  batchDuration: histogram('propcast_prediction_batch_duration_seconds', 'Prediction batch duration from start to finish', ['state'], BATCH_BUCKETS),
  /** Coverage of the last finished batch: predicted requests / requested, per stat and ALL. */
  batchCoverage: gauge('propcast_prediction_batch_coverage_ratio', 'Predicted / requested of the last finished batch, per stat (ALL = whole batch)', ['stat']),
  /** Of the props (stored lines) of the games tipping off within the coordinator's window, the share with a primary prediction, per stat and ALL (no series when they have no lines). */
  tipoffCoverage: gauge('propcast_prediction_coverage_at_tipoff_ratio', 'Predicted / props (stored lines) of the games tipping off within TIPOFF_WINDOW_MINUTES, per stat (ALL = all stats)', ['stat']),
  /** Props (player, game, stat with a line) of the games tipping off within the window, per stat and ALL. */
  tipoffWindowProps: gauge('propcast_tipoff_window_props', 'Props (player, game, stat with a stored line) of the games tipping off within TIPOFF_WINDOW_MINUTES', ['stat']),
  /** Unix time of the next scheduled tip-off (0 when none is known). */
  nextTipoff: gauge('propcast_next_tipoff_timestamp_seconds', 'Unix time of the next scheduled tip-off (0 when none is known)'),
  /** Batch start requests, by trigger and whether they created a batch. */
  batchStarts: counter('propcast_prediction_batch_starts_total', 'Batch start requests, by trigger and outcome (created or existing)', ['trigger', 'outcome']),
  /** Phase-completed triggers, by trigger mode and outcome (recorded, started, ignored). */
  triggers: counter('propcast_prediction_triggers_total', 'Feature phase triggers received, by mode and outcome', ['mode', 'outcome']),
  /** Batches marked stalled (no progress for the stall timeout) and jobs re-enqueued for them. */
  batchesStalled: counter('propcast_prediction_batches_stalled_total', 'Batches marked stalled'),
  jobsReenqueued: counter('propcast_prediction_jobs_reenqueued_total', 'Jobs re-enqueued by stall recovery'),
  /** QUEUED jobs (Postgres) of running batches that the queue no longer held (Redis lost its data), found by a sweep and re-enqueued. */
  jobsLost: counter('propcast_prediction_jobs_lost_total', 'Queued jobs of running batches missing from the queue (Redis lost them), re-enqueued by the sweep'),
  /** Batches reaching a terminal state: COMPLETED, COMPLETED_WITH_FAILURES, FAILED or EMPTY. */
  batchesFinished: counter('propcast_prediction_batches_finished_total', 'Prediction batches by terminal state (COMPLETED, COMPLETED_WITH_FAILURES, FAILED, EMPTY)', ['state']),
  /** 1 while a stat is served by a former production model because the current primary's artifact is unusable. */
  modelFallback: gauge('propcast_prediction_model_fallback', 'Stats served by the previous good production model because the current one is unusable (1) or not (0)', ['stat']),
  /** predictions.ready events published. */
  readyPublished: counter('propcast_predictions_ready_published_total', 'predictions.ready events published'),
  /** Loading one model (artifact download, sha256 check, ONNX session, probability model). */
  modelLoadDuration: histogram('propcast_model_load_duration_seconds', 'Model load time (artifact fetch, verification, session creation)', ['stat'], [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]),
  /** Model cache lookups: hit or miss. */
  modelCache: counter('propcast_model_cache_requests_total', 'Model cache lookups by result (hit, miss)', ['result']),
  /** Models that could not be loaded, by stat and reason (integrity, not_found, invalid). */
  modelLoadFailures: counter('propcast_model_load_failures_total', 'Model loads that failed, by stat and reason', ['stat', 'reason']),
  /** A stat's production primary could not be loaded and an earlier production model serves instead (counted on every registry read that decides so). */
  modelFallbacks: counter('propcast_model_fallback_total', "Times a stat's unloadable production model was replaced by its previous good version", ['stat']),
  /** Models currently loaded in the worker's cache. */
  modelsLoaded: gauge('propcast_models_loaded', 'Models held in the worker model cache'),
};
