// Runs before the tests: checks Postgres and Redis answer (with a clear message when not) and
// prepares the migrated template database test files clone. Idempotent and fast when nothing changed.
const path = require('node:path');
const net = require('node:net');

let prepared = false;

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

module.exports = async function globalSetup() {
  if (prepared) return;
  prepared = true;
  const root = path.resolve(__dirname, '../..');
  const dbUrl = new URL(process.env.DATABASE_URL || 'postgresql://propcast:propcast@127.0.0.1:5432/propcast');
  const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  const hint = 'run `npm run setup` (tools/setup/local-stack.sh) to install and start the local stack';
  if (!(await canConnect(dbUrl.hostname, Number(dbUrl.port || 5432)))) {
    throw new Error(`Postgres is not reachable at ${dbUrl.host}: ${hint}`);
  }
  if (!(await canConnect(redisUrl.hostname, Number(redisUrl.port || 6379)))) {
    throw new Error(`Redis is not reachable at ${redisUrl.host}: ${hint}`);
  }
  require('@swc-node/register');
  const { prepareTestTemplate } = require(path.join(root, 'libs/db/src/testing/test-template.ts'));
  await prepareTestTemplate(path.join(root, 'prisma/migrations'));
};
