import { OnnxExportError } from '../lib/errors';
import type { SupportedObjective } from '../lib/params';

/** One regression tree as stored in XGBoost's JSON model (the fields the exporter needs). */
export interface XGBoostJsonTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: (number | boolean)[];
  split_type?: number[];
  categories_nodes?: number[];
  tree_param: { num_nodes: string; size_leaf_vector?: string };
}

interface GbtreeModel {
  gbtree_model_param: { num_parallel_tree: string; num_trees: string };
  tree_info: number[];
  trees: XGBoostJsonTree[];
}

/** The saved JSON model of XGBoost 1.7 (subset). */
export interface XGBoostJsonModel {
  version: [number, number, number];
  learner: {
    feature_names?: string[];
    feature_types?: string[];
    gradient_booster: { name: string; model?: GbtreeModel };
    learner_model_param: { base_score: string; num_class: string; num_feature: string; num_target?: string };
    objective: { name: string };
  };
}

/** How an objective turns the summed margin into a prediction. */
export type Link = 'identity' | 'exp' | 'sigmoid';

/** Link function and base_score → margin conversion per exportable objective (as XGBoost's ProbToMargin). */
export const EXPORTABLE_OBJECTIVES: Record<SupportedObjective, { link: Link; baseMargin: (baseScore: number) => number }> = {
  'reg:squarederror': { link: 'identity', baseMargin: (p) => p },
  'reg:absoluteerror': { link: 'identity', baseMargin: (p) => p },
  'reg:pseudohubererror': { link: 'identity', baseMargin: (p) => p },
  'reg:logistic': { link: 'sigmoid', baseMargin: logit },
  'binary:logistic': { link: 'sigmoid', baseMargin: logit },
  'count:poisson': { link: 'exp', baseMargin: Math.log },
  'reg:tweedie': { link: 'exp', baseMargin: Math.log },
  'reg:gamma': { link: 'exp', baseMargin: Math.log },
};

/** A validated single-output gbtree model ready for export. */
export interface ExportableModel {
  objective: SupportedObjective;
  link: Link;
  /** Margin added to the sum of the trees, as float32. */
  baseMargin: number;
  numFeature: number;
  featureNames: string[];
  xgboostVersion: string;
  trees: XGBoostJsonTree[];
  /** Trees per boosting round (num_parallel_tree). */
  treesPerRound: number;
}

const NAN_SENTINEL = '\u0000NaN';

/**
 * Parses the JSON XGBoost saves, which may hold bare NaN / Infinity numbers (e.g. in categorical
 * split conditions) that JSON.parse rejects. C strings cannot contain NUL, so the sentinel is safe.
 */
export function parseXGBoostJson(text: string): XGBoostJsonModel {
  const sanitized = text.replace(/"(?:[^"\\]|\\.)*"|(-?)\b(NaN|Infinity)\b/g, (match, sign: string | undefined, word: string | undefined) => {
    if (word === undefined) return match;
    return word === 'NaN' ? '"\\u0000NaN"' : `${sign ?? ''}1e999`;
  });
  return JSON.parse(sanitized, (_key, value: unknown) => (value === NAN_SENTINEL ? NaN : value)) as XGBoostJsonModel;
}

/** Validates a saved JSON model and refuses anything that cannot be exported exactly. */
export function readExportableModel(model: XGBoostJsonModel): ExportableModel {
  const { learner } = model;
  const booster = learner.gradient_booster;
  if (booster.name !== 'gbtree' || !booster.model) {
    throw new OnnxExportError(`Cannot export booster "${booster.name}": only gbtree models are supported (dart and gblinear are refused)`);
  }
  const param = learner.learner_model_param;
  const numClass = Number(param.num_class);
  const numTarget = Number(param.num_target ?? '1');
  const { trees, tree_info: treeInfo, gbtree_model_param: gbtreeParam } = booster.model;
  if (numClass > 1 || numTarget > 1 || treeInfo.some((group) => group !== 0)) {
    throw new OnnxExportError(`Cannot export a multi-output model (num_class=${numClass}, num_target=${numTarget}): only single-output models are supported`);
  }
  const objective = learner.objective.name;
  if (!isExportableObjective(objective)) {
    throw new OnnxExportError(`Cannot export objective "${objective}": supported objectives are ${Object.keys(EXPORTABLE_OBJECTIVES).join(', ')}`);
  }
  trees.forEach(checkTreeIsNumerical);
  const { link, baseMargin } = EXPORTABLE_OBJECTIVES[objective];
  return {
    objective,
    link,
    baseMargin: Math.fround(baseMargin(Math.fround(Number(param.base_score)))),
    numFeature: Number(param.num_feature),
    featureNames: learner.feature_names ?? [],
    xgboostVersion: model.version.join('.'),
    trees,
    treesPerRound: Math.max(1, Number(gbtreeParam.num_parallel_tree)),
  };
}

function checkTreeIsNumerical(tree: XGBoostJsonTree, index: number): void {
  if ((tree.split_type ?? []).some((type) => type !== 0) || (tree.categories_nodes ?? []).length > 0) {
    throw new OnnxExportError(`Cannot export tree ${index}: it has categorical splits, which ONNX TreeEnsemble cannot reproduce exactly`);
  }
  if (Number(tree.tree_param.size_leaf_vector ?? '0') > 0) {
    throw new OnnxExportError(`Cannot export tree ${index}: vector leaves (multi-output trees) are not supported`);
  }
}

function isExportableObjective(name: string): name is SupportedObjective {
  return Object.hasOwn(EXPORTABLE_OBJECTIVES, name);
}

/** XGBoost's logistic ProbToMargin, in float32 steps: -log(1/p - 1). */
function logit(p: number): number {
  return -Math.log(Math.fround(Math.fround(1 / p) - 1));
}
