// Writes the build figures of `npm run images` into var/bench/images.json, keeping images built earlier and the
// last test:images result (stackPassed). Usage: node record-build.js <engine> <base> "<target> <bytes> <seconds>"...
'use strict';
const { existsSync, readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { cpus, loadavg } = require('node:os');

const FILE = 'var/bench/images.json';
const [engine, base, ...rows] = process.argv.slice(2);
const previous = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {};
const images = { ...(previous.images ?? {}) };
for (const row of rows) {
  const [target, bytes, seconds] = row.split(' ');
  images[target] = {
    tag: `propcast/${target}:local`,
    sizeBytes: Number(bytes),
    sizeMB: Math.round(Number(bytes) / 1e6),
    buildSeconds: Number(seconds),
  };
}
const out = {
  name: 'images',
  measuredAt: new Date().toISOString(),
  engine,
  base,
  cores: cpus().length,
  loadAverage1m: Number(loadavg()[0].toFixed(2)),
  note: 'buildSeconds of a target include the shared stages it was the first to need (later targets reuse their layers)',
  images,
  stackPassed: previous.stackPassed ?? null,
  stack: previous.stack ?? null,
};
mkdirSync('var/bench', { recursive: true });
writeFileSync(FILE, JSON.stringify(out, null, 2) + '\n');
console.log(`images: figures written to ${FILE}`);
