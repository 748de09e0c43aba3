import { parseEvalResult } from './eval-result';

describe('parseEvalResult', () => {
  it('splits dataset and metric names, including dashes and @ in names', () => {
    const text = '[12]\ttrain-rmse:0.25\ttrain-error@0.7:0.125\tvalid-set-rmse:0.5\tvalid-set-ndcg@5-:1';
    expect(parseEvalResult(text, ['train', 'valid-set'])).toEqual({
      train: { rmse: 0.25, 'error@0.7': 0.125 },
      'valid-set': { rmse: 0.5, 'ndcg@5-': 1 },
    });
  });

  it('prefers the longest matching dataset name', () => {
    expect(parseEvalResult('[0]\tvalid-2-mae:3\tvalid-mae:2', ['valid', 'valid-2'])).toEqual({
      valid: { mae: 2 },
      'valid-2': { mae: 3 },
    });
  });

  it('parses nan and inf as XGBoost prints them', () => {
    const values = parseEvalResult('[0]\ttrain-a:nan\ttrain-b:inf\ttrain-c:-inf', ['train']);
    expect(values['train']).toEqual({ a: NaN, b: Infinity, c: -Infinity });
  });
});
