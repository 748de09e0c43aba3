import { escapeXml, importanceChart, reliabilityChart, residualChart } from './svg-charts';

describe('svg charts', () => {
  it('draws self-contained SVG without scripts', () => {
    const charts = [
      reliabilityChart([{ lower: 0.4, upper: 0.5, count: 10, meanPredicted: 0.45, observedRate: 0.5 }], 'Reliability'),
      residualChart([1, 2, 3], [1.5, 1, 4], 'Residuals'),
      importanceChart({ points_ema: 3, '<b>': 1 }, 'Importance'),
    ];
    for (const svg of charts) {
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toMatch(/<script|href=/);
    }
    expect(charts[2]).toContain('&lt;b&gt;');
    expect(escapeXml(`"a"&'b'`)).toBe('&quot;a&quot;&amp;&#39;b&#39;');
  });
});
