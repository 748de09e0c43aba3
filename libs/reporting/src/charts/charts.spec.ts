import { groupedBarChart, identityScatterChart, lineChart, rankedBarChart, reliabilityChart, residualChart } from '../index';

const BINS = [
  { meanPredicted: 0.45, observedRate: 0.5, count: 10 },
  { meanPredicted: 0.7, observedRate: 0.6, count: 40 },
];

describe('svg charts', () => {
  it('draws self-contained SVG without scripts or external references', () => {
    const charts = [
      reliabilityChart([{ name: 'all', bins: BINS }], { title: 'Reliability' }),
      residualChart([1, 2, 3], [1.5, 1, 4], 'Residuals'),
      rankedBarChart({ points_ema: 3, minutes: 1 }, 'Importance'),
      lineChart(
        [
          {
            name: 'flat',
            points: [
              { x: 0, y: 100 },
              { x: 1, y: 104 },
            ],
          },
        ],
        { title: 'Bankroll', yLabel: 'units', xLabel: String, reference: 100 },
      ),
      groupedBarChart([{ stat: 'points', mae: 4.8 }], [{ name: 'model', colour: '#000', value: (g) => g.mae }], { groupLabel: (g) => g.stat }),
      identityScatterChart([{ x: 10, y: 12, tooltip: 'A' }], { title: 'points' }),
    ];
    for (const svg of charts) {
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg.endsWith('</svg>')).toBe(true);
      expect(svg).not.toMatch(/<script|href=/);
    }
  });

  it('escapes labels, titles, legend names and tooltips', () => {
    const evil = `<b onload="x">&'`;
    const escaped = '&lt;b onload=&quot;x&quot;&gt;&amp;&#39;';
    const charts = [
      reliabilityChart([{ name: evil, bins: BINS }], { title: evil, xLabel: evil, cssClass: evil, ariaLabel: evil }),
      rankedBarChart({ [evil]: 1 }, evil),
      lineChart([{ name: evil, points: [{ x: 0, y: 1 }] }], { title: evil, yLabel: evil, xLabel: () => evil }),
      groupedBarChart([evil], [{ name: evil, colour: '#000', value: () => 1 }], { groupLabel: (g) => g }),
      identityScatterChart([{ x: 1, y: 1, tooltip: evil }], { title: evil }),
      residualChart([1, 2], [2, 1], evil),
    ];
    for (const svg of charts) {
      expect(svg).toContain(escaped);
      expect(svg).not.toContain('<b');
    }
  });

  it('sizes reliability markers by count and tags points and bars for the page', () => {
    const svg = reliabilityChart([{ name: 'all', bins: BINS }], { title: '', cssClass: 'chart reliability', ariaLabel: 'calibration plot' });
    expect(svg).toContain('class="chart reliability" role="img" aria-label="calibration plot"');
    const radii = [...svg.matchAll(/<circle class="point"[^>]* r="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(radii).toEqual([5, 8]);
    const bars = groupedBarChart(['a', 'b'], [{ name: 'm', colour: '#000', value: (g) => (g === 'a' ? 2 : NaN) }], { groupLabel: (g) => g });
    expect([...bars.matchAll(/class="bar"[^>]* height="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([180, 0]);
  });

  it('says when a chart has no data instead of drawing an empty frame', () => {
    expect(reliabilityChart([{ name: 'all', bins: [] }], { title: 'Reliability' })).toBe('<p><em>Reliability: no data</em></p>');
    expect(lineChart([], { title: 'Bankroll', yLabel: 'units', xLabel: String })).toBe('<p><em>Bankroll: no data</em></p>');
  });

  it('draws log-scale bankrolls with the label marked log10', () => {
    const svg = lineChart(
      [
        {
          name: 'kelly',
          points: [
            { x: 0, y: 1 },
            { x: 1, y: 1000 },
          ],
        },
      ],
      { title: 'K', yLabel: 'units', xLabel: String, log: true },
    );
    expect(svg).toContain('units (log10)');
    expect(svg).toContain('>3.00<');
  });
});
