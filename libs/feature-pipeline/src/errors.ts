import { CodedErrorWithStatus } from '@propcast/common';

/** Machine-readable category of every error this library throws (controllers map them to HTTP statuses). */
export type FeaturePipelineErrorCode =
  'UNKNOWN_FEATURE_SET' | 'FEATURE_SET_CONFLICT' | 'INVALID_PROCESSORS' | 'INVALID_REQUEST' | 'UNKNOWN_GAME_DATE' | 'UNKNOWN_PLAYERS' | 'BACKFILL_NOT_FOUND' | 'BACKFILL_NOT_RESUMABLE';

/** Base class of all errors thrown by @propcast/feature-pipeline; the table says how the feature store answers each error over HTTP. */
export abstract class FeaturePipelineError extends CodedErrorWithStatus<FeaturePipelineErrorCode>({
  INVALID_REQUEST: 400,
  UNKNOWN_FEATURE_SET: 404,
  UNKNOWN_GAME_DATE: 404,
  UNKNOWN_PLAYERS: 404,
  BACKFILL_NOT_FOUND: 404,
  BACKFILL_NOT_RESUMABLE: 409,
  FEATURE_SET_CONFLICT: 409,
  INVALID_PROCESSORS: 500,
}) {
  /** The error's own fields (what was requested, what is known...) go to `details`. */
  override httpDetails(): Record<string, unknown> | undefined {
    const details = Object.fromEntries(Object.entries(this).filter(([k]) => k !== 'code' && k !== 'name'));
    return Object.keys(details).length ? details : undefined;
  }
}

/** A feature set id or short name (`v1`) that this service does not know. */
export class UnknownFeatureSetError extends FeaturePipelineError {
  readonly code = 'UNKNOWN_FEATURE_SET';

  constructor(
    readonly requested: string,
    known: readonly string[],
  ) {
    super(`unknown feature set "${requested}" (known: ${known.join(', ')})`);
  }
}

/** The stored feature_sets row has another definition than the code: the definition changed without a version bump. */
export class FeatureSetConflictError extends FeaturePipelineError {
  readonly code = 'FEATURE_SET_CONFLICT';

  constructor(
    readonly featureSetId: string,
    storedHash: string,
    codeHash: string,
  ) {
    super(`feature set ${featureSetId} is stored with definition hash ${storedHash} but the code defines ${codeHash}: bump the version`);
  }
}

/** FEATURE_PROCESSORS names an unknown processor, repeats one, or leaves out a dependency. */
export class InvalidProcessorsError extends FeaturePipelineError {
  readonly code = 'INVALID_PROCESSORS';
}

/** A request parameter is malformed (date, player ids, range). */
export class InvalidFeatureRequestError extends FeaturePipelineError {
  readonly code = 'INVALID_REQUEST';

  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
  }
}

/** No feature rows exist for the game date in the feature set. */
export class UnknownGameDateError extends FeaturePipelineError {
  readonly code = 'UNKNOWN_GAME_DATE';

  constructor(
    readonly featureSetId: string,
    readonly gameDate: string,
  ) {
    super(`no features for game date ${gameDate} in feature set ${featureSetId}`);
  }
}

/** Some requested players have no feature row on the game date. */
export class UnknownPlayersError extends FeaturePipelineError {
  readonly code = 'UNKNOWN_PLAYERS';

  constructor(
    readonly featureSetId: string,
    readonly gameDate: string,
    readonly playerIds: readonly number[],
  ) {
    super(`no features for player(s) ${playerIds.join(', ')} on ${gameDate} in feature set ${featureSetId}`);
  }
}

/** No feature_backfills row has this id. */
export class BackfillNotFoundError extends FeaturePipelineError {
  readonly code = 'BACKFILL_NOT_FOUND';

  constructor(readonly backfillId: string) {
    super(`backfill ${backfillId} does not exist`);
  }
}

/** The backfill cannot be resumed (it completed, or belongs to another feature set). */
export class BackfillNotResumableError extends FeaturePipelineError {
  readonly code = 'BACKFILL_NOT_RESUMABLE';

  constructor(
    readonly backfillId: string,
    reason: string,
  ) {
    super(`backfill ${backfillId} cannot be resumed: ${reason}`);
  }
}
