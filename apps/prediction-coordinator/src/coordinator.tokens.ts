/** The BullMQ producer of the predictions queue. */
export const PREDICTION_QUEUE = Symbol('PREDICTION_QUEUE');

/** The validated PredictionCoordinatorConfig. */
export const COORDINATOR_CONFIG = Symbol('COORDINATOR_CONFIG');

/** The coordinator's use cases built by createCoordinatorUseCases (the composition root of @propcast/prediction-serving). */
export const COORDINATOR_USE_CASES = Symbol('COORDINATOR_USE_CASES');
