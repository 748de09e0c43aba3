/** CSS of the slate board. */
export const BOARD_STYLES = `
body{font:14px/1.4 system-ui,sans-serif;margin:0 1.5rem 2rem;color:#1d2433;background:#fafbfc}
header{display:flex;align-items:baseline;gap:2rem;flex-wrap:wrap}
h1{font-size:1.4rem;margin:1rem 0 .5rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:0}
.notice{background:#fff8e1;border:1px solid #f0d58a;padding:.4rem .7rem;border-radius:4px}
.muted{color:#667085}
.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin:.8rem 0;padding:.5rem .7rem;background:#fff;border:1px solid #e3e7ee;border-radius:4px}
.key{margin:.8rem 0;padding:.5rem .7rem;background:#eef4ff;border:1px solid #b9cdfa;border-radius:4px}
.game{background:#fff;border:1px solid #e3e7ee;border-radius:6px;margin:.8rem 0;padding:.5rem .7rem}
.game header{gap:1rem}
table{border-collapse:collapse;width:100%;margin-top:.4rem}
th,td{padding:.2rem .4rem;border-bottom:1px solid #eef0f4;text-align:right;white-space:nowrap}
th{font-weight:600;color:#475467;font-size:12px}
td.l,th.l{text-align:left}
.call{font-weight:700;padding:0 .3rem;border-radius:3px}
.call.OVER{background:#dcfce7;color:#166534}.call.UNDER{background:#e0e7ff;color:#3730a3}.call.PASS{background:#f2f4f7;color:#667085}
.src{font-size:11px;padding:0 .25rem;border-radius:3px;border:1px solid #d0d5dd}
.src.PROXY{background:#fff1f0;border-color:#f5b5ae;color:#a8071a}
.flag{font-size:11px;color:#b54708;margin-left:.2rem}
.res.WIN{color:#166534;font-weight:600}.res.LOSS{color:#b42318;font-weight:600}
svg.dist{vertical-align:middle}
button.more{margin-top:.3rem}
`;
