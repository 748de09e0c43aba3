import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { DayVersionRepository } from '../shared/day-version.repository';
import { parseParams } from '../shared/params';
import { PicksQuerySchema, type ListPicksUseCase, type PicksList } from './list-picks.usecase';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** The picks of a query with the version of the data they were computed from. */
export interface VersionedPicks {
  list: PicksList;
  /** Changes whenever the day's data changes (an HTTP ETag). */
  etag: string;
  /** The list as JSON, serialised once per version. */
  json(): string;
  /** The JSON gzipped (fast level), compressed once per version: a big day's picks shrink about tenfold. */
  gzip(): Buffer;
}

interface Entry {
  version: string;
  picks: Promise<VersionedPicks>;
}

/**
 * GET /picks with a per-query cache validated on every request against the day's data version (one small query):
 * a day's picks are recomputed only when its predictions, lines, box scores, games or production models changed.
 * Ranking thousands of props at the best price across books costs far more than checking that nothing changed.
 */
export class CachedPicks {
  private readonly versions: DayVersionRepository;
  private readonly entries = new Map<string, Entry>();

  constructor(
    repositories: Pick<ReadModelRepositories, 'versions'>,
    private readonly picks: ListPicksUseCase,
    // A 10,000-prediction day's list is a few MB (twice with its JSON): a handful of queries is what a board and a
    // few API clients ask for, and bounds the memory.
    private readonly maxEntries = 8,
  ) {
    this.versions = repositories.versions;
  }

  /** Validates the query (400 naming the parameter) and answers from the cache while the day's data is unchanged. */
  async execute(rawQuery: unknown): Promise<VersionedPicks> {
    const q = parseParams(PicksQuerySchema, rawQuery);
    const { format: _format, ...rest } = q;
    const key = JSON.stringify(rest);
    // Read before computing: a change during the computation gives the next request a newer version.
    const version = await this.versions.of(q.date);
    const cached = this.entries.get(key);
    if (cached && cached.version === version) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.picks;
    }
    const picks = this.compute(rawQuery, key, version);
    this.entries.set(key, { version, picks });
    picks.catch(() => this.entries.get(key)?.picks === picks && this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return picks;
  }

  private async compute(rawQuery: unknown, key: string, version: string): Promise<VersionedPicks> {
    const list = await this.picks.execute(rawQuery);
    let json: string | null = null;
    let gzip: Buffer | null = null;
    const serialised = () => (json ??= JSON.stringify(list));
    return {
      list,
      etag: `"${createHash('sha1').update(`${key}|${version}`).digest('hex').slice(0, 24)}"`,
      json: serialised,
      gzip: () => (gzip ??= gzipSync(serialised(), { level: 1 })),
    };
  }
}
