import type { Pool } from 'pg';
import type { ArtifactStore } from '@propcast/artifact-store';
import { RetentionRepository } from './retention.repository';

/** What to collect. */
export interface CollectGarbageCommand {
  /** Rejected bytes (raw input of REJECTED batches, reject files of PARTIAL ones) older than this are deleted. */
  rejectRetentionDays: number;
  /** Temp files and orphaned archives must be this old before they count as left behind (a write may be running). */
  graceMs: number;
  /** Count, delete nothing. */
  dryRun?: boolean;
}

/** What was (or, in a dry run, would be) removed. */
export interface GarbageReport {
  /** Batches whose rejected bytes were purged. */
  rejectedBatches: number;
  /** Artifacts deleted for them (raw inputs and reject files). */
  rejectedArtifacts: number;
  /** Raw archives and reject files of imports that never recorded a batch (killed before their commit). */
  orphanedArtifacts: number;
  /** Temp files of writes killed midway. */
  temporaries: number;
}

const PAGE = 500;
/** Batch ids in artifact keys: raw/<kind>/<date>/<id>.<container>.gz and rejects/<id>.ndjson.gz. */
const BATCH_ID = /\/(ib-(\d{8})-(\d{6})-[0-9a-f]{6})\.[^/]+$/;

/**
 * `propcast gc` for imports: purges rejected bytes past their retention (the batch row stays, saying when), deletes
 * archives that a killed import wrote but never recorded, and the temp files of writes killed midway.
 */
export class CollectGarbageUseCase {
  private readonly repo = new RetentionRepository();

  constructor(private readonly deps: { pool: Pool; artifacts: ArtifactStore; now?: () => Date }) {}

  async execute(cmd: CollectGarbageCommand): Promise<GarbageReport> {
    const report: GarbageReport = { rejectedBatches: 0, rejectedArtifacts: 0, orphanedArtifacts: 0, temporaries: 0 };
    await this.purgeRejects(cmd, report);
    report.orphanedArtifacts = await this.removeOrphans(cmd);
    report.temporaries = cmd.dryRun ? 0 : await this.deps.artifacts.sweepTemporaries(cmd.graceMs);
    return report;
  }

  private async purgeRejects(cmd: CollectGarbageCommand, report: GarbageReport): Promise<void> {
    // A real run pages until nothing is left (purged rows drop out); a dry run reads them all at once.
    for (;;) {
      const page = await this.repo.expiredRejects(this.deps.pool, cmd.rejectRetentionDays, cmd.dryRun ? Number.MAX_SAFE_INTEGER : PAGE);
      if (page.length === 0) return;
      for (const batch of page) {
        const uris = [batch.rawUri, batch.rejectUri].filter((u): u is string => !!u);
        report.rejectedBatches++;
        report.rejectedArtifacts += uris.length;
        if (cmd.dryRun) continue;
        // Artifacts first: a crash in between leaves a row pointing at nothing, never bytes no row points at.
        for (const uri of uris) await this.deps.artifacts.delete(uri);
        await this.repo.markPurged(this.deps.pool, batch.id, this.now());
      }
      if (cmd.dryRun) return;
    }
  }

  private async removeOrphans(cmd: CollectGarbageCommand): Promise<number> {
    const cutoff = this.now().getTime() - cmd.graceMs;
    const candidates = new Map<string, string[]>();
    for (const prefix of ['raw/', 'rejects/']) {
      for (const artifact of await this.deps.artifacts.list(prefix)) {
        const m = BATCH_ID.exec(`/${artifact.key}`);
        if (!m || batchIdTime(m[2], m[3]) >= cutoff) continue;
        candidates.set(m[1], [...(candidates.get(m[1]) ?? []), artifact.key]);
      }
    }
    const ids = [...candidates.keys()];
    let removed = 0;
    for (let i = 0; i < ids.length; i += PAGE) {
      const chunk = ids.slice(i, i + PAGE);
      const recorded = await this.repo.existingBatchIds(this.deps.pool, chunk);
      for (const id of chunk.filter((id) => !recorded.has(id))) {
        for (const key of candidates.get(id) ?? []) {
          if (!cmd.dryRun) await this.deps.artifacts.delete(key);
          removed++;
        }
      }
    }
    return removed;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

/** The creation time a batch id carries (`ib-20250115-101530-...`, UTC). */
function batchIdTime(date: string, time: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)), Number(time.slice(0, 2)), Number(time.slice(2, 4)), Number(time.slice(4, 6)));
}
