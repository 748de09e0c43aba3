/** Injection token of the validated TrainerConfig. */
export const TRAINER_CONFIG = Symbol('TRAINER_CONFIG');

/** Injection token of the wired @propcast/training services. */
export const TRAINING_SERVICES = Symbol('TRAINING_SERVICES');
