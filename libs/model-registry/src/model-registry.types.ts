import type { ModelTarget } from '@propcast/contracts';

export type ModelStatus = 'CANDIDATE' | 'STAGING' | 'PRODUCTION' | 'ARCHIVED';
export type ModelRole = 'PRIMARY' | 'CHALLENGER' | 'SHADOW';

/** A registry row (table `models`). */
export interface ModelRecord {
  id: string;
  stat: ModelTarget;
  version: number;
  status: ModelStatus;
  role: ModelRole;
  trafficWeight: number;
  statusReason: string | null;
  featureSetId: string;
  featureNames: string[];
  objective: string;
  params: unknown;
  /** model.onnx: what the worker serves. */
  artifactUri: string;
  /** sha256 of model.onnx; loaders refuse bytes that do not hash to it. */
  artifactSha256: string;
  nativeUri: string;
  metadataUri: string;
  trainFrom: string;
  trainTo: string;
  datasetFingerprint: string;
  metrics: unknown;
  baselines: unknown;
  trainingRunId: string | null;
  createdAt: Date;
  promotedAt: Date | null;
}

/** What the prediction worker needs to load and route to one serving model. */
export interface ServingModel {
  id: string;
  stat: ModelTarget;
  version: number;
  role: ModelRole;
  /** Share of traffic: challengers' weights, the primary gets the rest; shadows 0 (they predict but are not served). */
  trafficWeight: number;
  artifactUri: string;
  artifactSha256: string;
  nativeUri: string;
  metadataUri: string;
  featureSetId: string;
  featureNames: string[];
  objective: string;
  promotedAt: Date | null;
}

/** Every model serving a stat: one primary (or none), traffic-split challengers and shadows. */
export interface ServingSet {
  stat: ModelTarget;
  primary: ServingModel | null;
  challengers: ServingModel[];
  shadows: ServingModel[];
}

/** One append-only audit row (table `model_events`). */
export interface ModelEventRecord {
  id: string;
  modelId: string;
  stat: ModelTarget;
  action: string;
  fromStatus: ModelStatus | null;
  toStatus: ModelStatus;
  role: ModelRole;
  trafficWeight: number;
  actor: string;
  reason: string;
  occurredAt: Date;
}

/** A change of one model's state, applied with its audit event in the same transaction. */
export interface ModelChange {
  modelId: string;
  /** Audit action: promote, rollback, traffic, archive, gate... */
  action: string;
  status: ModelStatus;
  role: ModelRole;
  trafficWeight: number;
  reason: string;
  /** New status_reason (undefined leaves it as is). */
  statusReason?: string | null;
  /** Set promoted_at to now. */
  markPromoted?: boolean;
}

/** Fields of a new candidate. */
export interface NewModel {
  id: string;
  stat: ModelTarget;
  version: number;
  featureSetId: string;
  featureNames: readonly string[];
  objective: string;
  params: object;
  artifactUri: string;
  artifactSha256: string;
  nativeUri: string;
  metadataUri: string;
  trainFrom: string;
  trainTo: string;
  datasetFingerprint: string;
  metrics: object;
  baselines: object;
  trainingRunId: string | null;
}

/** Which models served a stat at an instant, replayed from model_events, and the events up to it. */
export interface ModelHistory {
  stat: ModelTarget;
  at: Date;
  serving: ServingSet;
  events: ModelEventRecord[];
}
