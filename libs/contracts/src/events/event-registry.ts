import { z } from 'zod';
import { envelopeSchema } from '../envelope';
import { IngestionCompletedDataSchema } from './ingestion-completed.event';
import { ModelPromotedDataSchema } from './model-promoted.event';
import { PhaseCompletedDataSchema } from './phase-completed.event';
import { PredictionsReadyDataSchema } from './predictions-ready.event';
import { PredictionsUpdatedDataSchema } from './predictions-updated.event';
import { RetrainRequestedDataSchema } from './retrain-requested.event';
import { TrainingCompletedDataSchema } from './training-completed.event';

/** Envelope schema per event type: the single source of truth for what may travel on the bus. */
export const EventSchemas = {
  'ingestion.completed': envelopeSchema('ingestion.completed', IngestionCompletedDataSchema),
  'phase.completed': envelopeSchema('phase.completed', PhaseCompletedDataSchema),
  'predictions.ready': envelopeSchema('predictions.ready', PredictionsReadyDataSchema),
  'predictions.updated': envelopeSchema('predictions.updated', PredictionsUpdatedDataSchema),
  'model.promoted': envelopeSchema('model.promoted', ModelPromotedDataSchema),
  'retrain.requested': envelopeSchema('retrain.requested', RetrainRequestedDataSchema),
  'training.completed': envelopeSchema('training.completed', TrainingCompletedDataSchema),
} as const;

export type EventType = keyof typeof EventSchemas;

/** Every event type. */
export const EVENT_TYPES = Object.freeze(Object.keys(EventSchemas)) as readonly EventType[];

/** Any event, discriminated on `type`. */
export const EventEnvelopeSchema = z.discriminatedUnion('type', [
  EventSchemas['ingestion.completed'],
  EventSchemas['phase.completed'],
  EventSchemas['predictions.ready'],
  EventSchemas['predictions.updated'],
  EventSchemas['model.promoted'],
  EventSchemas['retrain.requested'],
  EventSchemas['training.completed'],
]);

/** Envelope of event `T`; without `T`, the union of all events (narrow it with `event.type`). */
export type EventEnvelope<T extends EventType = EventType> = z.infer<(typeof EventSchemas)[T]>;

/** The `data` payload of event `T`. */
export type EventData<T extends EventType> = EventEnvelope<T>['data'];
