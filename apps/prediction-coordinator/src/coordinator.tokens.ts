/** The BullMQ producer of the predictions queue. */
export const PREDICTION_QUEUE = Symbol('PREDICTION_QUEUE');

/** The validated PredictionCoordinatorConfig. */
export const COORDINATOR_CONFIG = Symbol('COORDINATOR_CONFIG');
