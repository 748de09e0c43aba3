import { countMatchedFields } from '../formats/field-map';
import { DATA_NBA_NET_SCHEDULE, SCHEDULE_FIELDS, ScheduleMapper, type ScheduleRow } from '../formats/schedule.format';
import { teamById } from '../teams/nba-teams';
import { collapseDuplicates } from '../validation/duplicates';
import { writeSchedule } from '../writers/schedule.writer';
import type { IngestKindHandler } from './ingest-kind';

const abbr = (id: number): string => teamById(id)?.abbreviation ?? String(id);

/** Schedule: upcoming (or past) games with date, teams and tip-off; creates SCHEDULED games, never downgrades FINAL ones. */
export const scheduleKind: IngestKindHandler<ScheduleRow, ScheduleRow> = {
  kind: 'SCHEDULE',
  slug: 'schedule',
  dialects: [DATA_NBA_NET_SCHEDULE],
  scoreColumns: (columns) => countMatchedFields(columns, SCHEDULE_FIELDS),
  mapper: (columns, problems, skipped) => new ScheduleMapper(columns, problems, skipped),
  async prepare(client, rows, problems, ctx) {
    const stored = await ctx.repositories.games.byIdWithStatus(client, [...new Set(rows.map((r) => r.gameId))]);
    for (const row of rows) {
      const saved = stored.get(row.gameId);
      if (saved && (saved.homeTeamId !== row.homeTeamId || saved.awayTeamId !== row.awayTeamId)) {
        problems.add(
          row.row,
          'MATCHUP',
          `game ${row.gameId} is stored as ${abbr(saved.homeTeamId)} (home) vs ${abbr(saved.awayTeamId)}; this row makes it ${abbr(row.homeTeamId)} vs ${abbr(row.awayTeamId)}`,
        );
      }
    }
    return { rows, flags: {} };
  },
  collapse: (rows, problems) =>
    collapseDuplicates(rows, problems, {
      key: (r) => r.gameId,
      fields: ['gameDate', 'homeTeamId', 'awayTeamId', 'season', 'seasonType', 'tipoffAt'],
      fieldName: (f) => ({ gameDate: 'GAME_DATE', tipoffAt: 'TIPOFF_AT', season: 'SEASON', seasonType: 'GAME_ID' })[f as string] ?? 'MATCHUP',
      describe: (r) => `game ${r.gameId}`,
    }),
  write: (client, rows, ctx) => writeSchedule(client, ctx.batchId, rows, ctx.now),
};
