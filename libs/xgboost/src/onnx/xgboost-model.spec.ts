import { parseXGBoostJson } from './xgboost-model';

describe('parseXGBoostJson', () => {
  it('accepts the bare NaN and Infinity numbers XGBoost writes, leaving strings alone', () => {
    const text = '{"a":[NaN,-Infinity,Infinity,1.5E0],"names":["NaN","x\\"NaN"],"n":-NaN}';
    expect(parseXGBoostJson(text)).toEqual({ a: [NaN, -Infinity, Infinity, 1.5], names: ['NaN', 'x"NaN'], n: NaN });
  });
});
