import { postgresHealthCheck, runHealthChecks } from './health-checks';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgresql://propcast:propcast@127.0.0.1:5432/propcast';

/** A copy of DATABASE_URL with one part changed. */
function urlWith(change: (url: URL) => void): string {
  const url = new URL(DATABASE_URL);
  change(url);
  return url.toString();
}

/** Issue 13, finding 8: start-up names Postgres refusals instead of printing a bare SQLSTATE. */
describe('postgres health check against the real server (reliability: finding 8)', () => {
  it('names a wrong password, with the SQLSTATE and the server message, and marks it a refusal', async () => {
    const { ok, checks } = await runHealthChecks([postgresHealthCheck(urlWith((u) => (u.password = 'not-the-password')))]);
    expect(ok).toBe(false);
    expect(checks['postgres']).toMatchObject({ ok: false, refused: true });
    expect(checks['postgres'].error).toMatch(/^wrong password \(check the password in DATABASE_URL\): password authentication failed for user ".+" \(SQLSTATE 28P01\)$/);
  });

  it('names a missing database', async () => {
    const { checks } = await runHealthChecks([postgresHealthCheck(urlWith((u) => (u.pathname = '/propcast_no_such_database')))]);
    expect(checks['postgres']).toMatchObject({ ok: false, refused: true });
    expect(checks['postgres'].error).toMatch(/^the database does not exist .*: database "propcast_no_such_database" does not exist \(SQLSTATE 3D000\)$/);
  });

  it('keeps network failures as they were (not a refusal)', async () => {
    const { checks } = await runHealthChecks([postgresHealthCheck(urlWith((u) => (u.port = '1')))]);
    expect(checks['postgres']).toEqual({ ok: false, target: '127.0.0.1:1', error: 'ECONNREFUSED' });
  });

  it('passes with the right credentials', async () => {
    expect((await runHealthChecks([postgresHealthCheck(DATABASE_URL)])).ok).toBe(true);
  });
});
