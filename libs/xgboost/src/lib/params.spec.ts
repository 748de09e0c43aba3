import { toParamPairs } from './params';

describe('toParamPairs', () => {
  it('defaults tree_method to hist and stringifies values like XGBoost expects', () => {
    expect(toParamPairs({ max_depth: 6, eta: 0.1, seed: 7, validate_parameters: true, tree_method: undefined })).toEqual([
      ['tree_method', 'hist'],
      ['max_depth', '6'],
      ['eta', '0.1'],
      ['seed', '7'],
      ['validate_parameters', '1'],
    ]);
  });

  it('keeps an explicit tree_method and repeats array params such as eval_metric', () => {
    expect(toParamPairs({ tree_method: 'approx', eval_metric: ['rmse', 'mae'] })).toEqual([
      ['tree_method', 'approx'],
      ['eval_metric', 'rmse'],
      ['eval_metric', 'mae'],
    ]);
  });
});
