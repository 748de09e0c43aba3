import { decodeModel } from './onnx-proto';
import { ONNX_METADATA_KEYS } from './onnx-contract';

/** What `toOnnx` records in an exported model's metadata_props. */
export interface OnnxModelMetadata {
  featureNames: string[];
  objective: string;
  xgboostVersion: string;
  featureSetVersion?: string;
}

/** Reads the metadata `toOnnx` wrote into ONNX model bytes. */
export function readOnnxMetadata(bytes: Uint8Array): OnnxModelMetadata {
  const props = new Map((decodeModel(bytes).metadata_props ?? []).map((p) => [p.key, p.value]));
  const featureNames = props.get(ONNX_METADATA_KEYS.featureNames);
  if (featureNames === undefined) throw new Error(`ONNX model has no "${ONNX_METADATA_KEYS.featureNames}" metadata; was it exported by toOnnx?`);
  const featureSetVersion = props.get(ONNX_METADATA_KEYS.featureSetVersion);
  return {
    featureNames: JSON.parse(featureNames) as string[],
    objective: props.get(ONNX_METADATA_KEYS.objective) ?? '',
    xgboostVersion: props.get(ONNX_METADATA_KEYS.xgboostVersion) ?? '',
    ...(featureSetVersion !== undefined ? { featureSetVersion } : {}),
  };
}
