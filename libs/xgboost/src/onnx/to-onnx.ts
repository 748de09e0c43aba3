import type { Booster, PredictOptions } from '../lib/booster';
import { OnnxExportError } from '../lib/errors';
import {
  AttributeType,
  encodeModel,
  TensorDataType,
  type AttributeProto,
  type NodeProto,
  type ValueInfoProto,
} from './onnx-proto';
import { ONNX_INPUT_NAME, ONNX_METADATA_KEYS, ONNX_OUTPUT_NAME } from './onnx-contract';
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
  /** Tree operator to emit. */
  operator?: 'TreeEnsemble' | 'TreeEnsembleRegressor';
}

const ML_DOMAIN = 'ai.onnx.ml';

/** Exports a single-output gbtree booster to ONNX bytes that reproduce `booster.predict` exactly (or throws OnnxExportError). */
export function toOnnx(booster: Booster, options: ToOnnxOptions = {}): Buffer {
  const model = readExportableModel(parseXGBoostJson(booster.saveModel('json').toString('utf8')));
  const featureNames = resolveFeatureNames(model, options.featureNames);
  const trees = selectTrees(model, options.iterationRange);
  const operator = options.operator ?? 'TreeEnsemble';
  const nodes: NodeProto[] = [
    ...missingRoutingNodes(),
    ...(operator === 'TreeEnsemble' ? treeEnsembleNodes(trees, model.numFeature) : [treeEnsembleRegressorNode(trees, model.baseMargin, model.numFeature)]),
  ];
  const link = linkNode(model);
  if (link) nodes.push(link);
  else nodes[nodes.length - 1]!.output = [ONNX_OUTPUT_NAME];
  return encodeModel({
    ir_version: 8,
    opset_import: [
      { domain: '', version: 17 },
      { domain: ML_DOMAIN, version: operator === 'TreeEnsemble' ? 5 : 3 },
    ],
    producer_name: '@propcast/xgboost',
    producer_version: model.xgboostVersion,
    doc_string: options.docString ?? '',
    graph: {
      name: 'xgboost',
      node: nodes,
      input: [tensorInfo(ONNX_INPUT_NAME, [{ dim_param: 'N' }, { dim_value: featureNames.length }])],
      output: [tensorInfo(ONNX_OUTPUT_NAME, [{ dim_param: 'N' }, { dim_value: 1 }])],
      initializer: [
        { name: 'minus_inf', dims: [], data_type: TensorDataType.FLOAT, float_data: [-Infinity] },
        { name: 'plus_inf', dims: [], data_type: TensorDataType.FLOAT, float_data: [Infinity] },
        ...(operator === 'TreeEnsemble' ? [{ name: 'base_margin', dims: [1], data_type: TensorDataType.FLOAT, float_data: [model.baseMargin] }] : []),
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

function linkNode(model: ExportableModel): NodeProto | undefined {
  switch (model.link) {
    case 'identity':
      return undefined;
    case 'exp':
      return { op_type: 'Exp', name: 'link', input: ['margin'], output: [ONNX_OUTPUT_NAME] };
    case 'sigmoid':
      return { op_type: 'Sigmoid', name: 'link', input: ['margin'], output: [ONNX_OUTPUT_NAME] };
  }
}

/**
 * XGBoost sends a missing (NaN) value to each node's default child. Instead of ORT's
 * missing_value_tracks_true (which costs a NaN test per node visit), the input is widened to
 * [N, 2F]: columns 0..F-1 have NaN replaced by -inf (so `x < t` holds: default left), columns
 * F..2F-1 by +inf (`x < t` fails: default right). Each split reads the copy matching its
 * default direction; non-missing values, ±inf included, are unchanged, so routing stays exact.
 */
function missingRoutingNodes(): NodeProto[] {
  return [
    { op_type: 'IsNaN', name: 'is_missing', input: [ONNX_INPUT_NAME], output: ['missing'] },
    { op_type: 'Where', name: 'missing_left', input: ['missing', 'minus_inf', ONNX_INPUT_NAME], output: ['features_missing_left'] },
    { op_type: 'Where', name: 'missing_right', input: ['missing', 'plus_inf', ONNX_INPUT_NAME], output: ['features_missing_right'] },
    {
      op_type: 'Concat',
      name: 'routed_features',
      input: ['features_missing_left', 'features_missing_right'],
      output: ['routed_features'],
      attribute: [int('axis', 1)],
    },
  ];
}

/** Column of the widened input a split reads: the original index when missing goes left, else shifted by F. */
function routedFeature(tree: XGBoostJsonTree, node: number, numFeature: number): number {
  const feature = tree.split_indices[node]!;
  return tree.default_left[node] ? feature : feature + numFeature;
}

function isLeaf(tree: XGBoostJsonTree, node: number): boolean {
  return tree.left_children[node] === -1;
}

/** ai.onnx.ml TreeEnsembleRegressor (opset 3): one tuple per node, leaves carry target weights. */
function treeEnsembleRegressorNode(trees: XGBoostJsonTree[], baseMargin: number, numFeature: number): NodeProto {
  const n = { treeids: [] as number[], nodeids: [] as number[], featureids: [] as number[], modes: [] as Uint8Array[], values: [] as number[], truenodeids: [] as number[], falsenodeids: [] as number[] };
  const t = { treeids: [] as number[], nodeids: [] as number[], ids: [] as number[], weights: [] as number[] };
  const LT = Buffer.from('BRANCH_LT');
  const LEAF = Buffer.from('LEAF');
  trees.forEach((tree, treeId) => {
    const count = tree.left_children.length;
    for (let node = 0; node < count; node++) {
      n.treeids.push(treeId);
      n.nodeids.push(node);
      if (isLeaf(tree, node)) {
        n.featureids.push(0);
        n.modes.push(LEAF);
        n.values.push(0);
        n.truenodeids.push(0);
        n.falsenodeids.push(0);
        t.treeids.push(treeId);
        t.nodeids.push(node);
        t.ids.push(0);
        t.weights.push(Math.fround(tree.split_conditions[node]!));
      } else {
        n.featureids.push(routedFeature(tree, node, numFeature));
        n.modes.push(LT);
        n.values.push(Math.fround(tree.split_conditions[node]!));
        n.truenodeids.push(tree.left_children[node]!);
        n.falsenodeids.push(tree.right_children[node]!);
      }
    }
  });
  return {
    op_type: 'TreeEnsembleRegressor',
    domain: ML_DOMAIN,
    name: 'trees',
    input: ['routed_features'],
    output: ['margin'],
    attribute: [
      int('n_targets', 1),
      str('aggregate_function', 'SUM'),
      str('post_transform', 'NONE'),
      floats('base_values', [baseMargin]),
      ints('nodes_treeids', n.treeids),
      ints('nodes_nodeids', n.nodeids),
      ints('nodes_featureids', n.featureids),
      { name: 'nodes_modes', type: AttributeType.STRINGS, strings: n.modes },
      floats('nodes_values', n.values),
      ints('nodes_truenodeids', n.truenodeids),
      ints('nodes_falsenodeids', n.falsenodeids),
      ints('target_treeids', t.treeids),
      ints('target_nodeids', t.nodeids),
      ints('target_ids', t.ids),
      floats('target_weights', t.weights),
    ],
  };
}

/** ai.onnx.ml TreeEnsemble (opset 5): interior nodes and leaves in separate arrays, then + base margin. */
function treeEnsembleNodes(trees: XGBoostJsonTree[], numFeature: number): NodeProto[] {
  const roots: number[] = [];
  const featureids: number[] = [];
  const splits: number[] = [];
  const modes: number[] = [];
  const trueIds: number[] = [];
  const trueLeafs: number[] = [];
  const falseIds: number[] = [];
  const falseLeafs: number[] = [];
  const leafWeights: number[] = [];
  for (const tree of trees) {
    const count = tree.left_children.length;
    // Interior nodes are numbered in order of appearance, leaves likewise.
    const interiorIndex = new Int32Array(count);
    const leafIndex = new Int32Array(count);
    for (let node = 0; node < count; node++) {
      if (isLeaf(tree, node)) {
        leafIndex[node] = leafWeights.length;
        leafWeights.push(Math.fround(tree.split_conditions[node]!));
      } else {
        interiorIndex[node] = featureids.length;
        featureids.push(0);
        splits.push(0);
        modes.push(1);
        trueIds.push(0);
        trueLeafs.push(0);
        falseIds.push(0);
        falseLeafs.push(0);
      }
    }
    if (isLeaf(tree, 0)) {
      // A single-leaf tree: a split whose both branches reach that leaf.
      roots.push(featureids.length);
      featureids.push(0);
      splits.push(0);
      modes.push(1);
      trueIds.push(leafIndex[0]!);
      trueLeafs.push(1);
      falseIds.push(leafIndex[0]!);
      falseLeafs.push(1);
      continue;
    }
    roots.push(interiorIndex[0]!);
    for (let node = 0; node < count; node++) {
      if (isLeaf(tree, node)) continue;
      const i = interiorIndex[node]!;
      const left = tree.left_children[node]!;
      const right = tree.right_children[node]!;
      featureids[i] = routedFeature(tree, node, numFeature);
      splits[i] = Math.fround(tree.split_conditions[node]!);
      trueLeafs[i] = isLeaf(tree, left) ? 1 : 0;
      trueIds[i] = isLeaf(tree, left) ? leafIndex[left]! : interiorIndex[left]!;
      falseLeafs[i] = isLeaf(tree, right) ? 1 : 0;
      falseIds[i] = isLeaf(tree, right) ? leafIndex[right]! : interiorIndex[right]!;
    }
  }
  return [
    {
      op_type: 'TreeEnsemble',
      domain: ML_DOMAIN,
      name: 'trees',
      input: ['routed_features'],
      output: ['tree_sum'],
      attribute: [
        int('n_targets', 1),
        int('aggregate_function', 1),
        int('post_transform', 0),
        ints('tree_roots', roots),
        ints('nodes_featureids', featureids),
        tensor('nodes_splits', TensorDataType.FLOAT, splits),
        { name: 'nodes_modes', type: AttributeType.TENSOR, t: { dims: [modes.length], data_type: TensorDataType.UINT8, raw_data: Uint8Array.from(modes) } },
        ints('nodes_truenodeids', trueIds),
        ints('nodes_trueleafs', trueLeafs),
        ints('nodes_falsenodeids', falseIds),
        ints('nodes_falseleafs', falseLeafs),
        ints('leaf_targetids', new Array<number>(leafWeights.length).fill(0)),
        tensor('leaf_weights', TensorDataType.FLOAT, leafWeights),
      ],
    },
    { op_type: 'Add', name: 'base', input: ['tree_sum', 'base_margin'], output: ['margin'] },
  ];
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
function tensor(name: string, dataType: number, values: number[]): AttributeProto {
  return { name, type: AttributeType.TENSOR, t: { dims: [values.length], data_type: dataType, float_data: values } };
}

function tensorInfo(name: string, dims: ValueInfoProto['type']['tensor_type']['shape']['dim']): ValueInfoProto {
  return { name, type: { tensor_type: { elem_type: TensorDataType.FLOAT, shape: { dim: dims } } } };
}
