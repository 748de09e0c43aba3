import { columnMapping, writeModelRow } from './column-mapping';

describe('columnMapping', () => {
  it('copies whole vectors when the model uses the feature set order', () => {
    const mapping = columnMapping(['a', 'b'], ['a', 'b']);
    expect(mapping).toEqual({ kind: 'identity' });
    const out = new Float32Array(4);
    if (mapping.kind !== 'missing') writeModelRow(out, 1, 2, Float32Array.of(1, 2), mapping);
    expect([...out]).toEqual([0, 0, 1, 2]);
  });

  it('picks columns by name for another order or a subset', () => {
    const mapping = columnMapping(['c', 'a'], ['a', 'b', 'c']);
    const out = new Float32Array(2);
    if (mapping.kind !== 'missing') writeModelRow(out, 0, 2, Float32Array.of(1, 2, 3), mapping);
    expect([...out]).toEqual([3, 1]);
  });

  it('names the model columns the feature set lacks', () => {
    expect(columnMapping(['a', 'z'], ['a', 'b'])).toEqual({ kind: 'missing', names: ['z'] });
  });
});
