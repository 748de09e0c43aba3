export { dateBlocks, type DateBlock } from '@propcast/common';
export { MINUTES_PROJECTION_FEATURE, needsMinutesProjection, storedFeatureNames, withMinutesProjection } from './minutes-projection';
export { outOfFoldProjection, type MinutesFitter, type OutOfFoldProjection, type ProjectionFold } from './out-of-fold';
export { defaultMinutesProjection, projectRowsOutOfFold, type MinutesProjectionSettings, type ProjectedRows } from './project-rows';
export { DEFAULT_MINUTES_FIT, MINUTES_FIT_CONFIG, XgboostMinutesFitter, type MinutesFitSettings } from './xgboost-minutes-fitter';
