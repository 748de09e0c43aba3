import { americanOdds as odds, num, pct, signed, textTable } from '@propcast/reporting';
import type { BetsReport } from '../bets/list-bets.usecase';
import type { PicksList } from '../picks/list-picks.usecase';
import type { WhatIfPrice } from '../pricing/price-line.usecase';
import { RESPONSIBLE_GAMBLING_NOTICE } from '../board/render-board';

/** `propcast picks`: the picks of a date as a terminal table, with their line sources and the notice. */
export function formatPicksTable(list: PicksList): string {
  const head = `Picks of ${list.date} (${list.call === 'BET' ? 'OVER or UNDER' : list.call}; gates: edge >= ${list.gates.minEdge}, confidence >= ${list.gates.minConfidence})`;
  if (list.picks.length === 0) return `${head}\nno picks\n\n${RESPONSIBLE_GAMBLING_NOTICE}`;
  const rows = list.picks.map((p) => [
    p.matchup,
    p.playerName ?? String(p.playerId),
    p.stat,
    p.call,
    p.side,
    String(p.line),
    odds(p.price),
    p.book,
    p.lineSource,
    pct(p.modelProbability),
    pct(p.ownProbability),
    pct(p.marketProbability),
    signed(p.edge),
    signed(p.expectedValue),
    pct(p.kellyFraction),
    p.flags.join(',') || '-',
    p.result ? `${p.result.result}${p.result.actual === null ? '' : ` (${p.result.actual})`}` : '-',
  ]);
  const sources = `${list.picks.length} picks: ${list.lineSources.REAL} at REAL books' prices, ${list.lineSources.PROXY} at PROXY lines (season average at -110/-110, not a market)`;
  return [
    head,
    textTable(['game', 'player', 'stat', 'call', 'side', 'line', 'price', 'book', 'source', 'P(priced)', 'P(own)', 'P(market)', 'edge', 'EV', 'Kelly', 'flags', 'result'], rows),
    sources,
    '',
    RESPONSIBLE_GAMBLING_NOTICE,
  ].join('\n');
}

/** `propcast price`: a what-if price as a few lines. */
export function formatWhatIfPrice(p: WhatIfPrice): string {
  const side = (name: string, price: number | null, s: WhatIfPrice['over']) => [
    name,
    odds(price ?? -110) + (price === null ? ' (assumed)' : ''),
    pct(s.modelProbability),
    pct(s.marketProbability),
    signed(s.edge),
    signed(s.expectedValue),
    pct(s.kellyFraction),
  ];
  return [
    `${p.playerName ?? p.playerId} ${p.stat} ${p.line} on ${p.date} (game ${p.gameId}), model ${p.modelId} v${p.modelVersion}, predicted mean ${num(p.predictedMean, 2)}`,
    `P(over) ${pct(p.probabilities.over)}  P(under) ${pct(p.probabilities.under)}  P(push) ${pct(p.probabilities.push)}  (line source USER: prices typed in, not a book's quote)`,
    textTable(['side', 'price', 'P(model)', 'P(market)', 'edge', 'EV', 'Kelly'], [side('OVER', p.overPrice, p.over), side('UNDER', p.underPrice, p.under)]),
    `call: ${p.recommendation} (${p.detail})${p.recommendation === 'PASS' ? '' : `, stake ${pct(p.kellyFraction)} of bankroll`}`,
    '',
    RESPONSIBLE_GAMBLING_NOTICE,
  ].join('\n');
}

/** `propcast bets`: the bet log, then open exposure and realised ROI per day. */
export function formatBets(report: BetsReport): string {
  if (report.bets.length === 0) return 'no bets logged';
  const bets = textTable(
    ['taken', 'date', 'player', 'stat', 'side', 'line', 'price', 'stake', 'book', 'source', 'status', 'result', 'profit', 'model EV', 'line CLV'],
    report.bets.map((b) => [
      b.takenAt.slice(0, 16).replace('T', ' '),
      b.gameDate,
      b.playerName ?? String(b.playerId),
      b.stat,
      b.side,
      String(b.line),
      odds(b.price),
      num(b.stake, 2),
      b.book,
      b.lineSource,
      b.status,
      b.result ?? '-',
      num(b.profit, 2),
      signed(b.modelExpectedValue),
      signed(b.lineClv, 1),
    ]),
  );
  const days = textTable(
    ['date', 'bets', 'staked', 'open stake', 'settled', 'profit', 'ROI', 'expected profit'],
    [...report.days.map((d) => ({ label: d.date, ...d })), { label: 'total', ...report.totals }].map((d) => [
      d.label,
      String(d.bets),
      num(d.staked, 2),
      num(d.openStake, 2),
      String(d.settled),
      num(d.profit, 2),
      pct(d.roi),
      num(d.expectedProfit, 2),
    ]),
  );
  return [bets, '', days].join('\n');
}
