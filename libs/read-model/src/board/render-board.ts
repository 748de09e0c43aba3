import { BOARD_SCRIPT } from './board-script';
import { BOARD_STYLES } from './board-styles';

/** What the board page is rendered from. */
export interface BoardPage {
  date: string;
  /** Latest dates with predictions (newest first), for the date menu. */
  recentDates: readonly string[];
  /** True when the API wants a key: the page asks for a read key once and keeps it in this browser. */
  keyRequired: boolean;
}

/** The responsible-gambling notice every Propcast page and API carries. */
export const RESPONSIBLE_GAMBLING_NOTICE = 'Predictions are estimates, not guarantees. If betting stops being fun, get help: 1-800-GAMBLER (US), BeGambleAware.org (UK).';

/**
 * The slate board: server-rendered layout, date menu, filters and notice; a small script (no framework: a table,
 * filters and inline SVG need none) loads /picks, /games and /grades with the API key kept in localStorage and
 * sent as x-api-key, and draws the rows. The key never appears in the page or its URL.
 */
export function renderBoardPage(page: BoardPage): string {
  const dates = [...new Set([page.date, ...page.recentDates])].sort().reverse();
  const options = dates.map((d) => `<option value="${esc(d)}"${d === page.date ? ' selected' : ''}>${esc(d)}</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Propcast slate ${esc(page.date)}</title>
<link rel="icon" href="data:,">
<style>${BOARD_STYLES}</style>
</head>
<body>
<header>
  <h1>Propcast slate board</h1>
  <form method="get" action="/" class="date">
    <label>Game day <select name="date" id="date" onchange="this.form.submit()">${options}</select></label>
    <noscript><button type="submit">Show</button></noscript>
  </form>
</header>
<p class="notice" role="note"><strong>Responsible gambling.</strong> ${esc(RESPONSIBLE_GAMBLING_NOTICE)}</p>
<form id="key-form" class="key" hidden>
  <label>API key (a read key is enough; kept in this browser only) <input id="key-input" type="password" autocomplete="off" required></label>
  <button type="submit">Use key</button>
  <span id="key-message" class="muted"></span>
</form>
<section class="filters" aria-label="filters">
  <label>Stat <select id="f-stat"><option value="">all</option><option>POINTS</option><option>REBOUNDS</option><option>ASSISTS</option><option>THREES</option><option>PRA</option></select></label>
  <label>Call <select id="f-call"><option value="BET">OVER or UNDER</option><option value="ALL">all (with PASS)</option><option>OVER</option><option>UNDER</option><option>PASS</option></select></label>
  <label>Min edge <input id="f-edge" type="number" step="0.01" value="" placeholder="any"></label>
  <label>Book <select id="f-book"><option value="">any</option></select></label>
  <label>Sort <select id="f-sort"><option value="ev">EV</option><option value="edge">edge</option><option value="kelly">Kelly</option><option value="player">player</option></select></label>
  <span id="summary" class="muted"></span>
</section>
<main id="board" data-date="${esc(page.date)}" data-key-required="${page.keyRequired ? 'true' : 'false'}">
  <p id="status" class="muted">Loading the slate of ${esc(page.date)}…</p>
  <div id="games"></div>
</main>
<section id="panel" aria-label="model versus market, last 30 days"><h2>Model vs market, last 30 days</h2><div id="panel-body" class="muted">Loading…</div></section>
<footer class="notice">${esc(RESPONSIBLE_GAMBLING_NOTICE)} Every price says its source: REAL (a book's quote) or PROXY (a season average at -110/-110, not a market).</footer>
<script>${BOARD_SCRIPT}</script>
</body>
</html>
`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
