/**
 * The board's script (plain ES2019, no framework, no build step). It keeps the API key in localStorage (entered once
 * in the key form, or bootstrapped from a `#key=` URL fragment, which browsers never send to the server), sends it
 * as x-api-key, loads the date's picks (all calls, with distributions), games and the last 30 days of grades, and
 * renders games then props, filters and sorts in memory, and draws one small SVG per prop: the model's
 * distribution with the line. `window.__board` reports when the first render is done (tests and bench:api read it).
 */
export const BOARD_SCRIPT = String.raw`
(function () {
  'use strict';
  var KEY = 'propcast.apiKey';
  var ROWS_PER_GAME = 25;
  var started = performance.now();
  var board = document.getElementById('board');
  var date = board.getAttribute('data-date');
  var state = { picks: [], games: [], expanded: {} };
  // renderMs: script start to rows drawn; sinceNavigationMs: navigation start (the page's time origin) to rows drawn.
  window.__board = { rendered: false, renderMs: null, sinceNavigationMs: null, rows: 0, error: null };

  var hashKey = /[#&]key=([^&]+)/.exec(location.hash);
  if (hashKey) {
    localStorage.setItem(KEY, decodeURIComponent(hashKey[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }

  function headers() {
    var key = localStorage.getItem(KEY);
    return key ? { 'x-api-key': key } : {};
  }

  function get(path) {
    return fetch(path, { headers: headers() }).then(function (res) {
      if (res.status === 401 || res.status === 403) {
        askForKey(res.status === 401 ? 'This API needs a key.' : 'This key may not read the board.');
        throw new Error('unauthorised');
      }
      if (!res.ok) return res.json().then(function (body) { throw new Error(path + ': ' + res.status + ' ' + (body.message || '')); });
      return res.json();
    });
  }

  function askForKey(message) {
    var form = document.getElementById('key-form');
    form.hidden = false;
    document.getElementById('key-message').textContent = message;
  }

  document.getElementById('key-form').addEventListener('submit', function (e) {
    e.preventDefault();
    localStorage.setItem(KEY, document.getElementById('key-input').value.trim());
    document.getElementById('key-form').hidden = true;
    load();
  });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var name in attrs || {}) {
      if (name === 'text') node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    }
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function pct(x) { return x === null || x === undefined ? '-' : (100 * x).toFixed(1) + '%'; }
  function num(x, d) { return x === null || x === undefined ? '-' : Number(x).toFixed(d === undefined ? 3 : d); }
  function odds(x) { return x > 0 ? '+' + x : String(x); }
  function addDays(d, n) { return new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10); }

  var SVG = 'http://www.w3.org/2000/svg';
  /** The model's distribution (bars) and the line (a red mark); bars above the line in green. */
  function chart(pick) {
    var w = 140, h = 34;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'dist');
    svg.setAttribute('width', w);
    svg.setAttribute('height', h);
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    var title = document.createElementNS(SVG, 'title');
    title.textContent = 'model distribution of ' + pick.stat + ' (mean ' + num(pick.predictedMean, 1) + '), line ' + pick.line;
    svg.appendChild(title);
    var d = pick.distribution;
    if (!d || !d.p.length) return svg;
    var lo = Math.min(d.from, Math.floor(pick.line)), hi = Math.max(d.from + d.p.length - 1, Math.ceil(pick.line));
    var n = hi - lo + 1, bw = w / n, max = Math.max.apply(null, d.p) || 1;
    // Two paths (bars above the line, the rest) rather than a rect per bar: a 10,000-prop board draws far fewer nodes.
    var above = '', below = '';
    d.p.forEach(function (p, i) {
      var k = d.from + i;
      var bh = (h - 4) * p / max;
      if (bh <= 0) return;
      var bar = 'M' + ((k - lo) * bw).toFixed(1) + ' ' + h + 'v-' + bh.toFixed(1) + 'h' + Math.max(1, bw - 1).toFixed(1) + 'v' + bh.toFixed(1) + 'z';
      if (k > pick.line) above += bar; else below += bar;
    });
    [[below, '#94a3b8', 'bars'], [above, '#16a34a', 'bars over']].forEach(function (b) {
      if (!b[0]) return;
      var path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', b[0]);
      path.setAttribute('fill', b[1]);
      path.setAttribute('class', b[2]);
      svg.appendChild(path);
    });
    var x = ((pick.line - lo + 0.5) * bw).toFixed(1);
    var line = document.createElementNS(SVG, 'line');
    line.setAttribute('x1', x); line.setAttribute('x2', x); line.setAttribute('y1', '0'); line.setAttribute('y2', String(h));
    line.setAttribute('stroke', '#dc2626'); line.setAttribute('stroke-width', '2'); line.setAttribute('class', 'line-mark');
    svg.appendChild(line);
    return svg;
  }

  function filters() {
    var edge = document.getElementById('f-edge').value;
    return {
      stat: document.getElementById('f-stat').value,
      call: document.getElementById('f-call').value,
      minEdge: edge === '' ? null : Number(edge),
      book: document.getElementById('f-book').value,
      sort: document.getElementById('f-sort').value
    };
  }

  function visible(p, f) {
    if (f.stat && p.stat !== f.stat) return false;
    if (f.call === 'BET' ? p.call === 'PASS' : f.call !== 'ALL' && p.call !== f.call) return false;
    if (f.minEdge !== null && !(p.edge >= f.minEdge)) return false;
    if (f.book && p.book !== f.book) return false;
    return true;
  }

  var SORTS = {
    ev: function (a, b) { return b.expectedValue - a.expectedValue; },
    edge: function (a, b) { return b.edge - a.edge; },
    kelly: function (a, b) { return b.kellyFraction - a.kellyFraction || b.expectedValue - a.expectedValue; },
    player: function (a, b) { return String(a.playerName).localeCompare(String(b.playerName)) || a.stat.localeCompare(b.stat); }
  };

  function row(p) {
    var flags = el('span', {}, p.flags.map(function (f) { return el('span', { 'class': 'flag', text: f }); }));
    var result = p.result ? el('span', { 'class': 'res ' + p.result.result, text: (p.result.actual === null ? 'DNP' : p.result.actual) + ' ' + p.result.result }) : el('span', { 'class': 'muted', text: 'pending' });
    return el('tr', { 'class': 'prop', 'data-stat': p.stat, 'data-call': p.call, 'data-book': p.book }, [
      el('td', { 'class': 'l', text: (p.playerName || p.playerId) + (p.team ? ' (' + p.team + ')' : '') }),
      el('td', { 'class': 'l', text: p.stat }),
      el('td', {}, [el('span', { 'class': 'call ' + p.call, text: p.call === 'PASS' ? 'PASS (' + p.side + ')' : p.call })]),
      el('td', { text: p.line + ' @ ' + odds(p.price) }),
      el('td', { 'class': 'l' }, [el('span', { text: p.book + ' ' }), el('span', { 'class': 'src ' + p.lineSource, text: p.lineSource })]),
      el('td', { text: num(p.predictedMean, 1) }),
      el('td', { text: pct(p.modelProbability) }),
      el('td', { text: p.ownProbability === null || p.ownProbability === undefined ? '-' : pct(p.ownProbability) }),
      el('td', { text: pct(p.marketProbability) }),
      el('td', { text: pct(p.edge) }),
      el('td', { text: num(p.expectedValue) }),
      el('td', { text: pct(p.kellyFraction) }),
      el('td', {}, [chart(p)]),
      el('td', { 'class': 'l' }, [flags]),
      el('td', {}, [result])
    ]);
  }

  var HEAD = ['player', 'stat', 'call', 'line @ price', 'book', 'mean', 'priced P', 'own P', 'market P', 'edge', 'EV', 'Kelly', 'distribution', 'flags', 'result'];

  function render() {
    var f = filters();
    var container = document.getElementById('games');
    container.textContent = '';
    var shown = state.picks.filter(function (p) { return visible(p, f); }).sort(SORTS[f.sort] || SORTS.ev);
    var byGame = {};
    shown.forEach(function (p) { (byGame[p.gameId] = byGame[p.gameId] || []).push(p); });
    var rows = 0;
    state.games.forEach(function (g) {
      var props = byGame[g.id] || [];
      var limit = state.expanded[g.id] ? props.length : ROWS_PER_GAME;
      var score = g.homeScore === null ? '' : ' ' + g.awayScore + '-' + g.homeScore;
      var head = el('header', {}, [
        el('h3', { text: g.awayTeam + ' @ ' + g.homeTeam + score }),
        el('span', { 'class': 'muted', text: g.status + (g.tipoffAt ? ', tip-off ' + g.tipoffAt.slice(11, 16) + ' UTC' : '') + ' · ' + props.length + ' props shown · lines: ' + g.realLines + ' real, ' + g.proxyLines + ' PROXY' })
      ]);
      var table = el('table', {}, [el('thead', {}, [el('tr', {}, HEAD.map(function (h, i) { return el('th', { 'class': i < 2 || i === 4 || i === 13 ? 'l' : '', text: h }); }))])]);
      var body = el('tbody');
      props.slice(0, limit).forEach(function (p) { body.appendChild(row(p)); rows++; });
      table.appendChild(body);
      var card = el('section', { 'class': 'game', 'data-game': g.id }, [head, props.length ? table : el('p', { 'class': 'muted', text: 'No props match the filters.' })]);
      if (props.length > limit) {
        var more = el('button', { 'class': 'more', type: 'button', text: 'Show all ' + props.length });
        more.addEventListener('click', function () { state.expanded[g.id] = true; render(); });
        card.appendChild(more);
      }
      container.appendChild(card);
    });
    var sources = shown.reduce(function (acc, p) { acc[p.lineSource] = (acc[p.lineSource] || 0) + 1; return acc; }, {});
    document.getElementById('summary').textContent = shown.length + ' props (' + (sources.REAL || 0) + ' at real lines, ' + (sources.PROXY || 0) + ' at PROXY lines)';
    window.__board.rows = rows;
  }

  function renderPanel(report) {
    var body = document.getElementById('panel-body');
    body.textContent = '';
    body.className = '';
    if (!report.groups.length) { body.appendChild(el('p', { 'class': 'muted', text: 'Nothing graded between ' + report.from + ' and ' + report.to + '.' })); return; }
    var head = ['stat', 'model', 'graded', 'MAE', 'REAL props', 'Brier model', 'Brier market', 'REAL hit rate', 'REAL ROI', 'PROXY props', 'PROXY hit rate', 'PROXY ROI'];
    var table = el('table', { id: 'panel-table' }, [el('thead', {}, [el('tr', {}, head.map(function (h, i) { return el('th', { 'class': i < 2 ? 'l' : '', text: h }); }))])]);
    var tbody = el('tbody');
    report.groups.forEach(function (g) {
      tbody.appendChild(el('tr', {}, [
        el('td', { 'class': 'l', text: g.stat }), el('td', { 'class': 'l', text: g.modelId }), el('td', { text: String(g.n) }), el('td', { text: num(g.mae) }),
        el('td', { text: String(g.real.props) }), el('td', { text: num(g.real.brier, 4) }), el('td', { text: num(g.real.marketBrier, 4) }),
        el('td', { text: pct(g.real.hitRate) }), el('td', { text: pct(g.real.roi) }),
        el('td', { text: String(g.proxy.props) }), el('td', { text: pct(g.proxy.hitRate) }), el('td', { text: pct(g.proxy.roi) })
      ]));
    });
    table.appendChild(tbody);
    body.appendChild(el('p', { 'class': 'muted', text: report.from + ' to ' + report.to + '. Brier on props with a real book\'s prices (lower is better); PROXY figures are against season-average lines, not a market.' }));
    body.appendChild(table);
  }

  function fillBooks() {
    var select = document.getElementById('f-book');
    var books = {};
    state.picks.forEach(function (p) { books[p.book] = true; });
    Object.keys(books).sort().forEach(function (b) { select.appendChild(el('option', { value: b, text: b })); });
  }

  function load() {
    var status = document.getElementById('status');
    status.textContent = 'Loading the slate of ' + date + '…';
    Promise.all([get('/picks?date=' + date + '&call=ALL&include=distribution'), get('/games?date=' + date)])
      .then(function (results) {
        state.picks = results[0].picks;
        state.games = results[1].games;
        fillBooks();
        render();
        status.textContent = state.games.length ? '' : 'No games stored for ' + date + '.';
        window.__board.renderMs = performance.now() - started;
        window.__board.sinceNavigationMs = performance.now();
        window.__board.rendered = true;
      })
      .catch(function (err) {
        window.__board.error = err.message;
        if (err.message !== 'unauthorised') status.textContent = 'Could not load the slate: ' + err.message;
      });
    get('/grades?from=' + addDays(date, -30) + '&to=' + addDays(date, -1)).then(renderPanel).catch(function (err) {
      if (err.message !== 'unauthorised') document.getElementById('panel-body').textContent = 'Could not load grades: ' + err.message;
    });
  }

  ['f-stat', 'f-call', 'f-edge', 'f-book', 'f-sort'].forEach(function (id) {
    document.getElementById(id).addEventListener(id === 'f-edge' ? 'input' : 'change', render);
  });
  if (board.getAttribute('data-key-required') === 'true' && !localStorage.getItem(KEY)) askForKey('Enter a read key to load the slate.');
  else load();
})();
`;
