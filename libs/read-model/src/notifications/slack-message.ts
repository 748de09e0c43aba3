import { americanOdds, pct } from '@propcast/reporting';
import type { PicksList } from '../picks/list-picks.usecase';
import { RESPONSIBLE_GAMBLING_NOTICE } from '../board/render-board';

/** A Slack-compatible incoming-webhook payload (`text` is what plain webhook receivers read). */
export interface SlackMessage {
  text: string;
  blocks: { type: string; text?: { type: 'mrkdwn'; text: string }; elements?: { type: 'mrkdwn'; text: string }[] }[];
}

/** The message announcing a date's picks: the top picks by EV, each with its book, price and line source. */
export function picksMessage(list: PicksList, options: { maxPicks: number; boardUrl?: string }): SlackMessage {
  const top = list.picks.slice(0, options.maxPicks);
  const header = `Propcast picks for ${list.date}: ${list.picks.length} recommended (${list.lineSources.REAL} at real lines, ${list.lineSources.PROXY} at PROXY lines)`;
  const lines = top.map(
    (p) =>
      `${p.call} ${p.playerName ?? p.playerId} ${p.stat} ${p.line} @ ${americanOdds(p.price)} (${p.book}, ${p.lineSource}): ` +
      `model ${pct(p.modelProbability)} vs market ${pct(p.marketProbability)}, edge ${(100 * p.edge).toFixed(1)} pts, ` +
      `EV ${p.expectedValue.toFixed(3)}, stake ${(100 * p.kellyFraction).toFixed(2)}%${p.flags.length ? ` [${p.flags.join(', ')}]` : ''}`,
  );
  const more = list.picks.length > top.length ? [`…and ${list.picks.length - top.length} more${options.boardUrl ? ` on ${options.boardUrl}` : ''}`] : [];
  const body = lines.length ? [...lines, ...more].join('\n') : 'No prop passes the gates today.';
  return {
    text: `${header}\n${body}\n${RESPONSIBLE_GAMBLING_NOTICE}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${header}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: body } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: RESPONSIBLE_GAMBLING_NOTICE }] },
    ],
  };
}
