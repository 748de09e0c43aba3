// Test helpers of @propcast/prediction-serving (`@propcast/prediction-serving/testing`): real models trained on
// synthetic rows, and the services started as `nx serve` starts them.
export { createSyntheticTrainer, syntheticRows, type SyntheticHistory, type TrainerDeps } from './train-models';
export { startService, waitFor, WORKSPACE_ROOT, type RunningProcess } from './processes';
export { coordinatorUseCases, PROCESSORS } from './coordinator-use-cases';
export { RecordingBus } from './recording-bus';
export { seedSlate, type SeededSlate } from './seed-slate';
export { openPredictJobWorld, type PredictJobWorld } from './predict-job-world';
