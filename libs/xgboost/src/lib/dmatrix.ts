import { check, copyFloats, copyStrings, xgb, type NativePointer, type Out } from './native-library';
import { NativeResource } from './native-resource';

/** XGBoost feature type: `q`/`float` numerical, `int` integer, `c` categorical. */
export type FeatureType = 'q' | 'float' | 'int' | 'i' | 'c';

/** Options for building a DMatrix from dense row-major data. */
export interface DMatrixOptions {
  /** Number of columns (features); the row count is `data.length / ncol`. */
  ncol: number;
  /** One label per row. */
  label?: ArrayLike<number>;
  /** Optional instance weight per row. */
  weight?: ArrayLike<number>;
  /** Optional name per column; the booster trained on this matrix keeps them. */
  featureNames?: readonly string[];
  /** Optional type per column (`c` marks a categorical feature). */
  featureTypes?: readonly FeatureType[];
}

/** XGBoost's data matrix, built from a dense row-major Float32Array where NaN means missing. */
export class DMatrix extends NativeResource {
  private constructor(handle: NativePointer) {
    super(handle, (h) => xgb().XGDMatrixFree(h), 'DMatrix');
  }

  /** Creates a DMatrix from dense row-major float32 data (XGDMatrixCreateFromMat, missing = NaN). */
  static fromDense(data: Float32Array, options: DMatrixOptions): DMatrix {
    const { ncol } = options;
    if (!Number.isInteger(ncol) || ncol <= 0) throw new RangeError(`ncol must be a positive integer, got ${ncol}`);
    if (data.length % ncol !== 0) throw new RangeError(`data length ${data.length} is not a multiple of ncol ${ncol}`);
    const out: Out<NativePointer> = [null];
    check(xgb().XGDMatrixCreateFromMat(data, data.length / ncol, ncol, NaN, out), 'XGDMatrixCreateFromMat');
    const matrix = new DMatrix(out[0] as NativePointer);
    try {
      if (options.label) matrix.setLabel(options.label);
      if (options.weight) matrix.setWeight(options.weight);
      if (options.featureNames) matrix.setFeatureInfo('feature_name', options.featureNames);
      if (options.featureTypes) matrix.setFeatureInfo('feature_type', options.featureTypes);
    } catch (err) {
      matrix.dispose();
      throw err;
    }
    return matrix;
  }

  /** Number of rows. */
  get numRows(): number {
    const out: Out<number> = [0];
    check(xgb().XGDMatrixNumRow(this.handle, out), 'XGDMatrixNumRow');
    return out[0] ?? 0;
  }

  /** Number of columns. */
  get numCols(): number {
    const out: Out<number> = [0];
    check(xgb().XGDMatrixNumCol(this.handle, out), 'XGDMatrixNumCol');
    return out[0] ?? 0;
  }

  /** Row labels as stored by XGBoost. */
  get label(): Float32Array {
    return this.getFloatInfo('label');
  }

  /** Row weights (empty when none were set). */
  get weight(): Float32Array {
    return this.getFloatInfo('weight');
  }

  /** Column names, or undefined when none were set. */
  get featureNames(): string[] | undefined {
    return this.getFeatureInfo('feature_name');
  }

  /** Column types, or undefined when none were set. */
  get featureTypes(): string[] | undefined {
    return this.getFeatureInfo('feature_type');
  }

  /** Sets one label per row. */
  setLabel(label: ArrayLike<number>): void {
    this.setFloatInfo('label', label);
  }

  /** Sets one instance weight per row. */
  setWeight(weight: ArrayLike<number>): void {
    this.setFloatInfo('weight', weight);
  }

  private setFloatInfo(field: 'label' | 'weight', values: ArrayLike<number>): void {
    const array = values instanceof Float32Array ? values : Float32Array.from(values);
    check(xgb().XGDMatrixSetFloatInfo(this.handle, field, array, array.length), 'XGDMatrixSetFloatInfo');
  }

  private getFloatInfo(field: 'label' | 'weight'): Float32Array {
    const len: Out<number> = [0];
    const out: Out<NativePointer> = [null];
    check(xgb().XGDMatrixGetFloatInfo(this.handle, field, len, out), 'XGDMatrixGetFloatInfo');
    return copyFloats(out[0], len[0] ?? 0);
  }

  private setFeatureInfo(field: 'feature_name' | 'feature_type', values: readonly string[]): void {
    check(xgb().XGDMatrixSetStrFeatureInfo(this.handle, field, [...values], values.length), 'XGDMatrixSetStrFeatureInfo');
  }

  private getFeatureInfo(field: 'feature_name' | 'feature_type'): string[] | undefined {
    const len: Out<number> = [0];
    const out: Out<NativePointer> = [null];
    check(xgb().XGDMatrixGetStrFeatureInfo(this.handle, field, len, out), 'XGDMatrixGetStrFeatureInfo');
    const values = copyStrings(out[0], len[0] ?? 0);
    return values.length > 0 ? values : undefined;
  }
}
