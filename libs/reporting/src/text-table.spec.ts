import { keyValueLines, textTable } from './text-table';

describe('textTable', () => {
  it('left-aligns the first column and right-aligns the others under a rule', () => {
    const out = textTable(
      ['stat', 'n', 'MAE'],
      [
        ['points', '120', '4.812'],
        ['ast', '7', '1.5'],
      ],
    );
    expect(out.split('\n')).toEqual(['stat      n    MAE', '------  ---  -----', 'points  120  4.812', 'ast       7    1.5']);
  });

  it('left-aligns every column without trailing spaces, and can leave the rule out', () => {
    const rows = [
      ['a', 'long value', 'x'],
      ['bbb', 'v', ''],
    ];
    expect(textTable(['k', 'value', 'z'], rows, { align: 'left' }).split('\n')).toEqual(['k    value       z', '---  ----------  -', 'a    long value  x', 'bbb  v']);
    expect(textTable(['k', 'value'], [['a', 'b']], { rule: false }).split('\n')).toEqual(['k  value', 'a      b']);
  });

  it('widens a column to its longest cell, header included', () => {
    const [header, rule, row] = textTable(['x'], [['wide cell']]).split('\n');
    expect(header).toBe('x        ');
    expect(rule).toBe('-'.repeat(9));
    expect(row).toBe('wide cell');
  });

  it('prints key/value lines with the keys padded to one width', () => {
    expect(
      keyValueLines([
        ['rows', 10],
        ['seconds/row', '0.5'],
      ]),
    ).toBe('rows         10\nseconds/row  0.5');
  });
});
