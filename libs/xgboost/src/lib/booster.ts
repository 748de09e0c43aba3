import * as koffi from 'koffi';
import { DMatrix } from './dmatrix';
import { parseEvalResult, type EvalValues } from './eval-result';
import { check, copyBytes, copyFloats, copyStrings, copyUint64s, xgb, type NativePointer, type Out } from './native-library';
import { NativeResource, nativeHandle } from './native-resource';
import { toParamPairs, type BoosterParams } from './params';

/** Serialisation format of a saved model. */
export type ModelFormat = 'json' | 'ubj';

/** Feature-importance definitions supported by XGBoosterFeatureScore. */
export type ImportanceType = 'gain' | 'weight' | 'cover' | 'total_gain' | 'total_cover';

/** A named matrix to evaluate, e.g. `{ name: 'valid', matrix }`. */
export interface EvalSet {
  name: string;
  matrix: DMatrix;
}

/** Prediction options. */
export interface PredictOptions {
  /** Use only trees of boosting rounds `[begin, end)`; e.g. `[0, bestIteration + 1]`. Default: all rounds. */
  iterationRange?: readonly [number, number];
  /** Return the untransformed margin instead of the objective's output. */
  outputMargin?: boolean;
}

/** Options for dumping the model as text or JSON. */
export interface DumpOptions {
  format?: 'text' | 'json';
  withStats?: boolean;
}

/** A gradient-boosted model backed by a native XGBoost booster handle. */
export class Booster extends NativeResource {
  private constructor(handle: NativePointer) {
    super(handle, (h) => xgb().XGBoosterFree(h), 'Booster');
  }

  /** Creates a booster with `params`, caching `matrices` (feature names/types are taken from the first one). */
  static create(params: BoosterParams = {}, matrices: readonly DMatrix[] = []): Booster {
    const booster = Booster.allocate(matrices);
    try {
      booster.setParams(params);
      const first = matrices[0];
      const names = first?.featureNames;
      const types = first?.featureTypes;
      if (names) booster.setFeatureInfo('feature_name', names);
      if (types) booster.setFeatureInfo('feature_type', types);
    } catch (err) {
      booster.dispose();
      throw err;
    }
    return booster;
  }

  /** Loads a model saved by `saveModel` (JSON or UBJ; the format is detected by XGBoost). */
  static loadModel(buffer: Uint8Array): Booster {
    const booster = Booster.allocate([]);
    try {
      check(xgb().XGBoosterLoadModelFromBuffer(booster.handle, buffer, buffer.length), 'XGBoosterLoadModelFromBuffer');
    } catch (err) {
      booster.dispose();
      throw err;
    }
    return booster;
  }

  private static allocate(matrices: readonly DMatrix[]): Booster {
    const out: Out<NativePointer> = [null];
    check(xgb().XGBoosterCreate(matrices.map(nativeHandle), matrices.length, out), 'XGBoosterCreate');
    return new Booster(out[0] as NativePointer);
  }

  /** Sets one parameter (XGBoosterSetParam). */
  setParam(name: string, value: string | number | boolean): void {
    this.setParams({ [name]: value });
  }

  /** Sets several parameters; arrays (e.g. eval_metric) set the parameter once per element. */
  setParams(params: BoosterParams): void {
    const { handle } = this;
    for (const [name, value] of toParamPairs(params)) check(xgb().XGBoosterSetParam(handle, name, value), 'XGBoosterSetParam');
  }

  /** Runs one boosting round on `dtrain` (XGBoosterUpdateOneIter). */
  update(iteration: number, dtrain: DMatrix): void {
    check(xgb().XGBoosterUpdateOneIter(this.handle, iteration, nativeHandle(dtrain)), 'XGBoosterUpdateOneIter');
  }

  /** Evaluates the configured metrics on each set and returns the parsed values. */
  evalSet(evals: readonly EvalSet[], iteration = 0): EvalValues {
    if (evals.length === 0) return {};
    const names = evals.map((e) => e.name);
    const out: Out<string> = [null];
    check(
      xgb().XGBoosterEvalOneIter(
        this.handle,
        iteration,
        evals.map((e) => nativeHandle(e.matrix)),
        names,
        evals.length,
        out,
      ),
      'XGBoosterEvalOneIter',
    );
    return parseEvalResult(out[0] ?? '', names);
  }

  /**
   * Predicts one value per row. A DMatrix goes through XGBoosterPredictFromDMatrix; a Float32Array
   * (row-major, `numFeatures` columns, NaN = missing) goes through the faster in-place XGBoosterPredictFromDense.
   */
  predict(input: DMatrix | Float32Array, options: PredictOptions = {}): Float32Array {
    const [begin, end] = options.iterationRange ?? [0, 0];
    const config = { type: options.outputMargin ? 1 : 0, training: false, iteration_begin: begin, iteration_end: end, strict_shape: false };
    const shape: Out<NativePointer> = [null];
    const dim: Out<number> = [0];
    const result: Out<NativePointer> = [null];
    if (input instanceof DMatrix) {
      check(xgb().XGBoosterPredictFromDMatrix(this.handle, nativeHandle(input), JSON.stringify(config), shape, dim, result), 'XGBoosterPredictFromDMatrix');
    } else {
      const { handle } = this;
      const ncol = this.numFeatures;
      if (ncol === 0 || input.length % ncol !== 0) {
        throw new RangeError(`input length ${input.length} is not a multiple of the model's ${ncol} features`);
      }
      withNativeCopy(input, (address) => {
        const values = JSON.stringify({ data: [address, true], shape: [input.length / ncol, ncol], typestr: '<f4', version: 3 });
        check(xgb().XGBoosterPredictFromDense(handle, values, withNaNMissing(config), null, shape, dim, result), 'XGBoosterPredictFromDense');
      });
    }
    const dims = copyUint64s(shape[0], dim[0] ?? 0);
    return copyFloats(
      result[0],
      dims.reduce((a, b) => a * b, 1),
    );
  }

  /** Serialises the model (trees, objective, attributes, feature names) as JSON or UBJ bytes. */
  saveModel(format: ModelFormat = 'json'): Buffer {
    const len: Out<number> = [0];
    const out: Out<NativePointer> = [null];
    check(xgb().XGBoosterSaveModelToBuffer(this.handle, JSON.stringify({ format }), len, out), 'XGBoosterSaveModelToBuffer');
    return copyBytes(out[0], len[0] ?? 0);
  }

  /** Dumps every tree as text or JSON (one string per tree), using the booster's feature names. */
  dumpModel(options: DumpOptions = {}): string[] {
    const len: Out<number> = [0];
    const out: Out<NativePointer> = [null];
    check(xgb().XGBoosterDumpModelEx(this.handle, '', options.withStats ? 1 : 0, options.format ?? 'text', len, out), 'XGBoosterDumpModelEx');
    return copyStrings(out[0], len[0] ?? 0);
  }

  /** Feature importance keyed by feature name (features never used in a split are absent). */
  featureImportance(type: ImportanceType = 'gain'): Record<string, number> {
    const nFeatures: Out<number> = [0];
    const features: Out<NativePointer> = [null];
    const dim: Out<number> = [0];
    const shape: Out<NativePointer> = [null];
    const scores: Out<NativePointer> = [null];
    check(xgb().XGBoosterFeatureScore(this.handle, JSON.stringify({ importance_type: type }), nFeatures, features, dim, shape, scores), 'XGBoosterFeatureScore');
    const count = nFeatures[0] ?? 0;
    const names = copyStrings(features[0], count);
    const values = copyFloats(scores[0], count);
    return Object.fromEntries(names.map((name, i) => [name, values[i] as number]));
  }

  /** Reads a string attribute (e.g. `best_iteration`); undefined when absent. */
  getAttribute(key: string): string | undefined {
    const out: Out<string> = [null];
    const success: Out<number> = [0];
    check(xgb().XGBoosterGetAttr(this.handle, key, out, success), 'XGBoosterGetAttr');
    return success[0] ? (out[0] ?? '') : undefined;
  }

  /** Sets a string attribute, or deletes it when `value` is undefined. */
  setAttribute(key: string, value: string | undefined): void {
    check(xgb().XGBoosterSetAttr(this.handle, key, value ?? null), 'XGBoosterSetAttr');
  }

  /** All attributes, saved with the model. */
  get attributes(): Record<string, string> {
    const len: Out<number> = [0];
    const out: Out<NativePointer> = [null];
    check(xgb().XGBoosterGetAttrNames(this.handle, len, out), 'XGBoosterGetAttrNames');
    const keys = copyStrings(out[0], len[0] ?? 0);
    return Object.fromEntries(keys.map((key) => [key, this.getAttribute(key) ?? '']));
  }

  /** Feature names the booster was trained with, or undefined. */
  get featureNames(): string[] | undefined {
    return this.getFeatureInfo('feature_name');
  }

  /** Number of input features the model expects. */
  get numFeatures(): number {
    const out: Out<number> = [0];
    check(xgb().XGBoosterGetNumFeature(this.handle, out), 'XGBoosterGetNumFeature');
    return out[0] ?? 0;
  }

  /** Number of boosting rounds performed so far. */
  get boostedRounds(): number {
    const out: Out<number> = [0];
    check(xgb().XGBoosterBoostedRounds(this.handle, out), 'XGBoosterBoostedRounds');
    return out[0] ?? 0;
  }

  private setFeatureInfo(field: 'feature_name' | 'feature_type', values: readonly string[]): void {
    check(xgb().XGBoosterSetStrFeatureInfo(this.handle, field, [...values], values.length), 'XGBoosterSetStrFeatureInfo');
  }

  private getFeatureInfo(field: 'feature_name' | 'feature_type'): string[] | undefined {
    const len: Out<number> = [0];
    const out: Out<NativePointer> = [null];
    check(xgb().XGBoosterGetStrFeatureInfo(this.handle, field, len, out), 'XGBoosterGetStrFeatureInfo');
    const values = copyStrings(out[0], len[0] ?? 0);
    return values.length > 0 ? values : undefined;
  }
}

/** Copies `data` into native memory (stable address for the array interface), runs `fn`, frees it. */
function withNativeCopy(data: Float32Array, fn: (address: number) => void): void {
  const ptr = koffi.alloc('float', Math.max(data.length, 1));
  try {
    new Float32Array(koffi.view(ptr, data.length * 4)).set(data);
    fn(Number(koffi.address(ptr)));
  } finally {
    koffi.free(ptr);
  }
}

/** Inplace-predict config: adds the required cache_id and `"missing": NaN` (JSON.stringify would write null). */
function withNaNMissing(config: object): string {
  return `${JSON.stringify(config).slice(0, -1)},"cache_id":0,"missing":NaN}`;
}
