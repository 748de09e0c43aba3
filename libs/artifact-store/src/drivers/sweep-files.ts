import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Removes the entries under `dir` that `matches` and were last modified more than `olderThanMs` ago (files, or
 * folders with their content); with `recurse`, looks into sub-folders too. Returns how many it removed.
 */
export async function sweepFiles(dir: string, matches: (name: string, isDirectory: boolean) => boolean, olderThanMs: number, opts: { recurse?: boolean } = {}): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (matches(entry.name, entry.isDirectory())) {
      const modified = (await stat(path).catch(() => undefined))?.mtimeMs;
      if (modified !== undefined && modified < cutoff) {
        await rm(path, { recursive: true, force: true });
        removed++;
      }
    } else if (opts.recurse && entry.isDirectory()) {
      removed += await sweepFiles(path, matches, olderThanMs, opts);
    }
  }
  return removed;
}
