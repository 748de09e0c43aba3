/** Objectives this library trains and exports to ONNX (any other XGBoost objective string is still accepted for training). */
export type SupportedObjective = 'reg:squarederror' | 'reg:absoluteerror' | 'reg:pseudohubererror' | 'reg:logistic' | 'binary:logistic' | 'count:poisson' | 'reg:tweedie' | 'reg:gamma';

/** A parameter value as accepted by XGBoosterSetParam (arrays set the parameter once per element, e.g. eval_metric). */
export type ParamValue = string | number | boolean | readonly (string | number)[];

/** XGBoost booster parameters, using XGBoost's own names; any other XGBoost parameter may be added. */
export interface BoosterParams {
  objective?: SupportedObjective | (string & {});
  booster?: 'gbtree' | 'dart' | 'gblinear';
  max_depth?: number;
  eta?: number;
  subsample?: number;
  colsample_bytree?: number;
  min_child_weight?: number;
  lambda?: number;
  alpha?: number;
  gamma?: number;
  /** Defaults to `hist`. */
  tree_method?: 'hist' | 'approx' | 'exact' | 'auto';
  nthread?: number;
  seed?: number;
  eval_metric?: string | readonly string[];
  base_score?: number;
  verbosity?: 0 | 1 | 2 | 3;
  [name: string]: ParamValue | undefined;
}

/** Flattens params into the (name, value) string pairs XGBoosterSetParam expects; tree_method defaults to hist. */
export function toParamPairs(params: BoosterParams): [string, string][] {
  const pairs: [string, string][] = [];
  const { tree_method = 'hist', ...rest } = params;
  for (const [name, value] of Object.entries({ tree_method, ...rest })) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) pairs.push([name, formatParam(v as string | number | boolean)]);
  }
  return pairs;
}

function formatParam(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}
