// Docker HEALTHCHECK: GET http://127.0.0.1:$PORT/health (liveness) must answer 200 within 3 s.
// Plain node (the slim image has no curl/wget). HEALTHCHECK_PATH=/health/ready checks dependencies too.
'use strict';
const http = require('node:http');

const port = Number(process.env.PORT || 3000);
const path = process.env.HEALTHCHECK_PATH || '/health';
const req = http.get({ host: '127.0.0.1', port, path, timeout: 3000 }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
