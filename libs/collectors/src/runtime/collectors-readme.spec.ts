import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AvailabilityCollectorEnv, CollectorCommonEnv, GamesCollectorEnv, OddsCollectorEnv } from './collectors.env';

const GROUPS = { all: CollectorCommonEnv, odds: OddsCollectorEnv, games: GamesCollectorEnv, availability: AvailabilityCollectorEnv } as const;

/** The README row of a variable, as the collectors' settings table writes it. */
function row(group: string, name: string, v: { default?: string; description: string }): string {
  return `| ${group} | \`${name}\` | ${v.default === undefined ? '(required)' : v.default === '' ? '(empty)' : `\`${v.default}\``} | ${v.description} |`;
}

describe('README collector settings table', () => {
  const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
  const documented = [...readme.matchAll(/^\| (all|odds|games|availability) \| `[A-Z][A-Z0-9_]+` \|.*$/gm)].map((m) => m[0]);

  it('has exactly one row per variable the collectors read, with its default and meaning', () => {
    const expected = Object.entries(GROUPS).flatMap(([group, spec]) => Object.entries(spec).map(([name, v]) => row(group, name, v)));
    expect(documented).toEqual(expected);
  });
});
