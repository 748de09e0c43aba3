import { DMatrix } from './dmatrix';
import { XGBoostDisposedError, XGBoostError } from './errors';

describe('DMatrix', () => {
  const data = Float32Array.from([1, 2, NaN, 4, 5, 6]);

  it('builds from dense row-major data with labels, weights and feature info', () => {
    const matrix = DMatrix.fromDense(data, {
      ncol: 3,
      label: [0.5, 1.5],
      weight: Float32Array.from([1, 2]),
      featureNames: ['a', 'b', 'c'],
      featureTypes: ['q', 'q', 'int'],
    });
    expect(matrix.numRows).toBe(2);
    expect(matrix.numCols).toBe(3);
    expect(Array.from(matrix.label)).toEqual([0.5, 1.5]);
    expect(Array.from(matrix.weight)).toEqual([1, 2]);
    expect(matrix.featureNames).toEqual(['a', 'b', 'c']);
    expect(matrix.featureTypes).toEqual(['q', 'q', 'int']);
    matrix.dispose();
  });

  it('has no weights or names unless given', () => {
    const matrix = DMatrix.fromDense(data, { ncol: 2 });
    expect(matrix.numRows).toBe(3);
    expect(matrix.weight).toHaveLength(0);
    expect(matrix.featureNames).toBeUndefined();
    matrix.dispose();
  });

  it('rejects a shape that does not divide the data', () => {
    expect(() => DMatrix.fromDense(data, { ncol: 4 })).toThrow(RangeError);
    expect(() => DMatrix.fromDense(data, { ncol: 0 })).toThrow(RangeError);
  });

  it("surfaces XGBoost's own message for invalid info", () => {
    expect(() => DMatrix.fromDense(data, { ncol: 3, label: [1, 2, 3] })).toThrow(XGBoostError);
    expect(() => DMatrix.fromDense(data, { ncol: 3, label: [1, 2, 3] })).toThrow(/XGDMatrixSetFloatInfo failed: .*label/i);
  });

  it('disposes idempotently and refuses use after dispose', () => {
    const matrix = DMatrix.fromDense(data, { ncol: 3 });
    matrix.dispose();
    matrix.dispose();
    expect(matrix.disposed).toBe(true);
    expect(() => matrix.numRows).toThrow(XGBoostDisposedError);
    expect(() => matrix.numRows).toThrow('DMatrix has been disposed');
  });
});
