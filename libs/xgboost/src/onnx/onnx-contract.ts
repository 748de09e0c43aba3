/** Name of the ONNX graph input: float32 [N, F], NaN = missing. */
export const ONNX_INPUT_NAME = 'features';

/** Name of the ONNX graph output: float32 [N, 1]. */
export const ONNX_OUTPUT_NAME = 'prediction';

/** Keys `toOnnx` writes to the model's metadata_props. */
export const ONNX_METADATA_KEYS = {
  featureNames: 'feature_names',
  featureSetVersion: 'feature_set_version',
  objective: 'objective',
  xgboostVersion: 'xgboost_version',
} as const;
