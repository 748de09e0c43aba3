import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigTable } from '@propcast/config';
import { ApiEnv } from './config';

describe('apps/api/README.md', () => {
  it('lists every variable of the service with its default and description', () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const table = readme.split('\n').filter((line) => /^\| `[A-Z_]+` \|/.test(line));
    expect(table).toEqual(renderConfigTable(ApiEnv));
  });
});
