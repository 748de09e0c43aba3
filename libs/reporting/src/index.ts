// One place for presentation: text tables, number formats, HTML escaping and the SVG charts of every report.
export { americanOdds, num, pct, signed, tickLabel, units } from './format';
export { escapeHtml, htmlTable } from './html';
export { keyValueLines, textTable, type ColumnAlign, type TextTableOptions } from './text-table';
export { boxedAxes, COLOURS, extent, svgDocument, ticks, type Axes, type ChartAttributes } from './charts/frame';
export { lineChart, type LineChartOptions, type Series } from './charts/line-chart';
export { reliabilityChart, type ReliabilityChartOptions, type ReliabilityPoint, type ReliabilitySeries } from './charts/reliability-chart';
export { groupedBarChart, rankedBarChart, type BarSeries, type GroupedBarChartOptions } from './charts/bar-charts';
export { identityScatterChart, residualChart, type IdentityScatterOptions, type ScatterPoint } from './charts/scatter-charts';
