import type { Booster, PredictOptions } from '../lib/booster';
import { OnnxExportError } from '../lib/errors';
import { ONNX_INPUT_NAME, ONNX_METADATA_KEYS, ONNX_OUTPUT_NAME } from './onnx-contract';
import { AttributeType, encodeModel, TensorDataType, type AttributeProto, type NodeProto, type ValueInfoProto } from './onnx-proto';
import { parseXGBoostJson, readExportableModel, type ExportableModel, type XGBoostJsonTree } from './xgboost-model';

/** Options for `toOnnx`. */
export interface ToOnnxOptions {
  /** Names of the model's input columns, in order (default: the booster's own feature names). */
  featureNames?: readonly string[];
  /** Version of the feature set the model was trained on, stored in metadata. */
  featureSetVersion?: string;
  /** Export only the trees of boosting rounds `[begin, end)`, e.g. `[0, bestIteration + 1]`. Default: all. */
  iterationRange?: PredictOptions['iterationRange'];
  /** Free-form model description stored as the ONNX doc_string. */
  docString?: string;
}

const ML_DOMAIN = 'ai.onnx.ml';
const ROUTED_FEATURES = 'routed_features';
const MARGIN = 'margin';

/** Exports a single-output gbtree booster to ONNX bytes that reproduce `booster.predict` exactly (or throws OnnxExportError). */
export function toOnnx(booster: Booster, options: ToOnnxOptions = {}): Buffer {
  const model = readExportableModel(parseXGBoostJson(booster.saveModel('json').toString('utf8')));
  const featureNames = resolveFeatureNames(model, options.featureNames);
  const trees = selectTrees(model, options.iterationRange);
  const link = linkNode(model);
  const ensemble = treeEnsembleNode(trees, model, link ? MARGIN : ONNX_OUTPUT_NAME);
  return encodeModel({
    ir_version: 8,
    opset_import: [
      { domain: '', version: 17 },
      { domain: ML_DOMAIN, version: 3 },
    ],
    producer_name: '@propcast/xgboost',
    producer_version: model.xgboostVersion,
    doc_string: options.docString ?? '',
    graph: {
      name: 'xgboost',
      node: [...missingRoutingNodes(), ensemble, ...(link ? [link] : [])],
      input: [tensorInfo(ONNX_INPUT_NAME, [{ dim_param: 'N' }, { dim_value: featureNames.length }])],
      output: [tensorInfo(ONNX_OUTPUT_NAME, [{ dim_param: 'N' }, { dim_value: 1 }])],
      initializer: [
        { name: 'minus_inf', dims: [], data_type: TensorDataType.FLOAT, float_data: [-Infinity] },
        { name: 'plus_inf', dims: [], data_type: TensorDataType.FLOAT, float_data: [Infinity] },
      ],
    },
    metadata_props: [
      { key: ONNX_METADATA_KEYS.featureNames, value: JSON.stringify(featureNames) },
      { key: ONNX_METADATA_KEYS.xgboostVersion, value: model.xgboostVersion },
      { key: ONNX_METADATA_KEYS.objective, value: model.objective },
      ...(options.featureSetVersion !== undefined ? [{ key: ONNX_METADATA_KEYS.featureSetVersion, value: options.featureSetVersion }] : []),
    ],
  });
}

function resolveFeatureNames(model: ExportableModel, given: readonly string[] | undefined): string[] {
  const own = model.featureNames;
  const names = given ? [...given] : own;
  if (names.length === 0) throw new OnnxExportError('featureNames is required: the booster carries no feature names');
  if (names.length !== model.numFeature) {
    throw new OnnxExportError(`featureNames has ${names.length} names but the model expects ${model.numFeature} features`);
  }
  if (given && own.length > 0 && own.some((name, i) => name !== names[i])) {
    throw new OnnxExportError(`featureNames differ from the booster's feature names (${own.join(', ')})`);
  }
  return names;
}

function selectTrees(model: ExportableModel, range: PredictOptions['iterationRange']): XGBoostJsonTree[] {
  if (!range) return model.trees;
  const [begin, end] = range;
  const rounds = model.trees.length / model.treesPerRound;
  const last = end === 0 ? rounds : end;
  if (!(Number.isInteger(begin) && Number.isInteger(last) && begin >= 0 && begin < last && last <= rounds)) {
    throw new OnnxExportError(`iterationRange [${begin}, ${end}) is invalid for a model with ${rounds} rounds`);
  }
  return model.trees.slice(begin * model.treesPerRound, last * model.treesPerRound);
}

/**
 * XGBoost sends a missing (NaN) value to each node's default child. Instead of ORT's
 * missing_value_tracks_true (a NaN test on every node visit, measured ~10% slower), the input is
 * widened to [N, 2F]: columns 0..F-1 have NaN replaced by -inf (so `x < t` holds: default left),
 * columns F..2F-1 by +inf (`x < t` fails: default right). Each split reads the copy matching its
 * default direction; non-missing values, ±inf included, are unchanged, so routing stays exact.
 */
function missingRoutingNodes(): NodeProto[] {
  return [
    { op_type: 'IsNaN', name: 'is_missing', input: [ONNX_INPUT_NAME], output: ['missing'] },
    { op_type: 'Where', name: 'missing_left', input: ['missing', 'minus_inf', ONNX_INPUT_NAME], output: ['features_missing_left'] },
    { op_type: 'Where', name: 'missing_right', input: ['missing', 'plus_inf', ONNX_INPUT_NAME], output: ['features_missing_right'] },
    { op_type: 'Concat', name: 'route', input: ['features_missing_left', 'features_missing_right'], output: [ROUTED_FEATURES], attribute: [int('axis', 1)] },
  ];
}

/**
 * ai.onnx.ml TreeEnsembleRegressor (opset 3): every XGBoost node keeps its id; splits are
 * BRANCH_LT on the float32 threshold (XGBoost's `x < t`), leaves carry their float32 value and
 * base_values holds the base margin.
 */
function treeEnsembleNode(trees: readonly XGBoostJsonTree[], model: ExportableModel, output: string): NodeProto {
  const nodes = {
    treeids: [] as number[],
    nodeids: [] as number[],
    featureids: [] as number[],
    modes: [] as Buffer[],
    values: [] as number[],
    truenodeids: [] as number[],
    falsenodeids: [] as number[],
  };
  const leaves = { treeids: [] as number[], nodeids: [] as number[], ids: [] as number[], weights: [] as number[] };
  const branch = Buffer.from('BRANCH_LT');
  const leaf = Buffer.from('LEAF');
  trees.forEach((tree, treeId) => {
    for (let node = 0; node < tree.left_children.length; node++) {
      const left = tree.left_children[node] as number;
      const isLeaf = left === -1;
      nodes.treeids.push(treeId);
      nodes.nodeids.push(node);
      nodes.modes.push(isLeaf ? leaf : branch);
      nodes.featureids.push(isLeaf ? 0 : routedFeature(tree, node, model.numFeature));
      nodes.values.push(isLeaf ? 0 : Math.fround(tree.split_conditions[node] as number));
      nodes.truenodeids.push(isLeaf ? 0 : left);
      nodes.falsenodeids.push(isLeaf ? 0 : (tree.right_children[node] as number));
      if (isLeaf) {
        leaves.treeids.push(treeId);
        leaves.nodeids.push(node);
        leaves.ids.push(0);
        leaves.weights.push(Math.fround(tree.split_conditions[node] as number));
      }
    }
  });
  return {
    op_type: 'TreeEnsembleRegressor',
    domain: ML_DOMAIN,
    name: 'trees',
    input: [ROUTED_FEATURES],
    output: [output],
    attribute: [
      int('n_targets', 1),
      str('aggregate_function', 'SUM'),
      str('post_transform', 'NONE'),
      floats('base_values', [model.baseMargin]),
      ints('nodes_treeids', nodes.treeids),
      ints('nodes_nodeids', nodes.nodeids),
      ints('nodes_featureids', nodes.featureids),
      { name: 'nodes_modes', type: AttributeType.STRINGS, strings: nodes.modes },
      floats('nodes_values', nodes.values),
      ints('nodes_truenodeids', nodes.truenodeids),
      ints('nodes_falsenodeids', nodes.falsenodeids),
      ints('target_treeids', leaves.treeids),
      ints('target_nodeids', leaves.nodeids),
      ints('target_ids', leaves.ids),
      floats('target_weights', leaves.weights),
    ],
  };
}

/** Column of the widened input a split reads: the original index when missing goes left, else shifted by F. */
function routedFeature(tree: XGBoostJsonTree, node: number, numFeature: number): number {
  const feature = tree.split_indices[node] as number;
  return tree.default_left[node] ? feature : feature + numFeature;
}

/** The objective's inverse link applied to the margin, or undefined for identity. */
function linkNode(model: ExportableModel): NodeProto | undefined {
  switch (model.link) {
    case 'identity':
      return undefined;
    case 'exp':
      return { op_type: 'Exp', name: 'link', input: [MARGIN], output: [ONNX_OUTPUT_NAME] };
    case 'sigmoid':
      return { op_type: 'Sigmoid', name: 'link', input: [MARGIN], output: [ONNX_OUTPUT_NAME] };
  }
}

function int(name: string, i: number): AttributeProto {
  return { name, type: AttributeType.INT, i };
}

function ints(name: string, values: number[]): AttributeProto {
  return { name, type: AttributeType.INTS, ints: values };
}

function floats(name: string, values: number[]): AttributeProto {
  return { name, type: AttributeType.FLOATS, floats: values };
}

function str(name: string, value: string): AttributeProto {
  return { name, type: AttributeType.STRING, s: Buffer.from(value) };
}

function tensorInfo(name: string, dims: ValueInfoProto['type']['tensor_type']['shape']['dim']): ValueInfoProto {
  return { name, type: { tensor_type: { elem_type: TensorDataType.FLOAT, shape: { dim: dims } } } };
}
