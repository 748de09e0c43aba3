import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { ModelRecord, ModelStatus, ServingModel } from '@propcast/model-registry';
import { openTraining, parseStats, type OpenTraining } from '@propcast/training';
import { textTable } from '@propcast/reporting';

const actor = () => `cli:${userInfo().username}`;

/** Runs `work` with the training services open, closing them afterwards. */
async function withTraining(withEvents: boolean, work: (t: OpenTraining) => Promise<void>): Promise<void> {
  const training = openTraining({ withEvents });
  try {
    await work(training);
  } finally {
    await training.close();
  }
}

function oneStat(stat: string) {
  const [only, ...rest] = parseStats(stat);
  if (rest.length > 0) throw new Error('give one stat');
  return only;
}

const day = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '–');

function modelsTable(models: readonly Pick<ModelRecord, 'id' | 'stat' | 'version' | 'status' | 'role' | 'trafficWeight' | 'objective' | 'promotedAt'>[]): string {
  return textTable(
    ['id', 'stat', 'version', 'status', 'role', 'weight', 'objective', 'promoted'],
    models.map((m) => [m.id, m.stat, String(m.version), m.status, m.role, m.trafficWeight.toFixed(2), m.objective, day(m.promotedAt)]),
    { align: 'left' },
  );
}

/** `propcast models list|promote|rollback|history|traffic|serving`: the model registry from the command line. */
export function register(program: Command): void {
  const models = program.command('models').description('model registry: list, promote, roll back, traffic, history');

  models
    .command('list')
    .description('list models, newest version first')
    .option('--stat <stat>', 'one stat')
    .option('--status <status>', 'CANDIDATE, STAGING, PRODUCTION or ARCHIVED')
    .option('--json', 'print JSON')
    .action((opts: { stat?: string; status?: string; json?: boolean }) =>
      withTraining(false, async ({ services }) => {
        const list = await services.registry.list({ stat: opts.stat ? oneStat(opts.stat) : undefined, status: opts.status?.toUpperCase() as ModelStatus | undefined });
        console.log(opts.json ? JSON.stringify(list, null, 2) : modelsTable(list));
      }),
    );

  models
    .command('promote <id>')
    .description('make a model its stat’s production primary (the previous one is archived); emits model.promoted')
    .option('--reason <text>', 'why', 'manual promotion')
    .action((id: string, opts: { reason: string }) =>
      withTraining(true, async ({ services }) => {
        const r = await services.promote.execute({ modelId: id, actor: actor(), reason: opts.reason });
        console.log(`${r.model.id} is the production primary of ${r.model.stat}${r.previous ? ` (replaces ${r.previous.id})` : ''}${r.notified ? '' : '; model.promoted could not be published'}`);
      }),
    );

  models
    .command('rollback')
    .description('restore the previous production model of a stat in one transaction; emits model.promoted')
    .requiredOption('--stat <stat>', 'the stat')
    .option('--reason <text>', 'why', 'manual rollback')
    .action((opts: { stat: string; reason: string }) =>
      withTraining(true, async ({ services }) => {
        const r = await services.rollback.execute({ stat: oneStat(opts.stat), actor: actor(), reason: opts.reason });
        console.log(`${r.restored.id} restored as the production primary of ${r.restored.stat}${r.rolledBack ? `; ${r.rolledBack.id} archived` : ''}`);
      }),
    );

  models
    .command('traffic <id>')
    .description('make a model a traffic-split CHALLENGER, a SHADOW, or take it out of serving (NONE); emits model.promoted')
    .requiredOption('--role <role>', 'CHALLENGER, SHADOW or NONE')
    .option('--weight <share>', 'challenger share of traffic in (0, 1)', '0')
    .option('--reason <text>', 'why', 'traffic change')
    .action((id: string, opts: { role: string; weight: string; reason: string }) =>
      withTraining(true, async ({ services }) => {
        const role = opts.role.toUpperCase() as 'CHALLENGER' | 'SHADOW' | 'NONE';
        const r = await services.setTraffic.execute({ modelId: id, role, weight: Number(opts.weight), actor: actor(), reason: opts.reason });
        console.log(`${r.model.id}: ${r.model.status} ${r.model.role} ${r.model.trafficWeight}${r.primary ? `; primary ${r.primary.id} serves ${r.primary.trafficWeight.toFixed(2)}` : ''}`);
      }),
    );

  models
    .command('serving')
    .description('what the prediction worker serves for a stat')
    .requiredOption('--stat <stat>', 'the stat')
    .action((opts: { stat: string }) =>
      withTraining(false, async ({ services }) => {
        const s = await services.registry.resolveServing(oneStat(opts.stat));
        const list: ServingModel[] = [...(s.primary ? [s.primary] : []), ...s.challengers, ...s.shadows];
        console.log(
          list.length
            ? textTable(
                ['id', 'role', 'weight', 'sha256', 'artifact'],
                list.map((m) => [m.id, m.role, m.trafficWeight.toFixed(2), m.artifactSha256.slice(0, 12), m.artifactUri]),
                { align: 'left' },
              )
            : `no production model for ${s.stat}`,
        );
      }),
    );

  models
    .command('history')
    .description('which models served a stat at an instant, and the registry events up to it')
    .requiredOption('--stat <stat>', 'the stat')
    .option('--at <instant>', 'ISO date or date-time (default now)')
    .option('--json', 'print JSON')
    .action((opts: { stat: string; at?: string; json?: boolean }) =>
      withTraining(false, async ({ services }) => {
        const at = opts.at ? new Date(opts.at) : new Date();
        if (Number.isNaN(at.getTime())) throw new Error(`--at must be an ISO date or date-time, got "${opts.at}"`);
        const h = await services.registry.history(oneStat(opts.stat), at);
        if (opts.json) return console.log(JSON.stringify(h, null, 2));
        const serving = [h.serving.primary, ...h.serving.challengers, ...h.serving.shadows].filter((m): m is ServingModel => m !== null);
        console.log(
          `${h.stat} at ${h.at.toISOString()}: ${serving.length ? serving.map((m) => `${m.id} (${m.role.toLowerCase()} ${m.trafficWeight.toFixed(2)})`).join(', ') : 'no production model'}\n`,
        );
        console.log(
          textTable(
            ['time', 'model', 'action', 'from', 'to', 'role', 'weight', 'actor', 'reason'],
            h.events.map((e) => [day(e.occurredAt), e.modelId, e.action, e.fromStatus ?? '–', e.toStatus, e.role, e.trafficWeight.toFixed(2), e.actor, e.reason]),
            { align: 'left' },
          ),
        );
      }),
    );
}
