import { RESPONSIBLE_GAMBLING_NOTICE } from '@propcast/read-model';

/** The API description shown at /docs, with the responsible-gambling notice every Propcast API carries. */
export const API_DESCRIPTION = [
  "The read side of Propcast: stored predictions, the day's picks at the best price across books, games, players,",
  "graded performance against the market, what-if prices against the serving model's distribution, a bet log, and the",
  'slate board at `/`. Every list answers JSON, or CSV with `Accept: text/csv` or `?format=csv`. Every betting figure',
  "names its line source: REAL (a book's quote) or PROXY (a season average at -110/-110, not a market).",
  '',
  `**Responsible gambling.** ${RESPONSIBLE_GAMBLING_NOTICE}`,
].join('\n');

/** The read API's options of the shared HTTP platform (API-key guard, one error body, OpenAPI at /docs). */
export const API_HTTP = { docs: { title: 'Propcast read API', description: API_DESCRIPTION } };
