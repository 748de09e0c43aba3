import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Query options of every /ingest endpoint, validated (400 on a bad value). */
export const ImportQuerySchema = z.object({
  allowPartial: flag.optional(),
  dryRun: flag.optional(),
  capturedAt: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .optional(),
  reportedAt: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .optional(),
  stat: z.enum(['POINTS', 'REBOUNDS', 'ASSISTS', 'THREES', 'PRA']).optional(),
});

/** OpenAPI view of the query options. */
export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'write the valid rows and put the rejected ones in rejects/<batch>.ndjson.gz (207) instead of rejecting the batch (422)', enum: ['true', 'false'] })
  allowPartial?: string;

  @ApiPropertyOptional({ description: 'validate and count what would change, store nothing', enum: ['true', 'false'] })
  dryRun?: string;

  @ApiPropertyOptional({ description: 'props only: capture time (ISO-8601) of lines whose rows have none', example: '2024-12-21T18:00:00Z' })
  capturedAt?: string;

  @ApiPropertyOptional({ description: "availability only: time (ISO-8601) of the report whose rows give none (the official report's time)", example: '2024-12-21T22:30:00Z' })
  reportedAt?: string;

  @ApiPropertyOptional({ description: 'props only: the market of a one-market feed whose rows name none', enum: ['POINTS', 'REBOUNDS', 'ASSISTS', 'THREES', 'PRA'] })
  stat?: string;
}

/** One player line of the Propcast box-score JSON (nba_api column names such as PLAYER_ID, MIN, FG3M are accepted too). */
export class BoxScoreRowDto {
  @ApiProperty({ example: 2544 }) playerId!: number;
  @ApiProperty({ example: 'LeBron James' }) playerName!: string;
  @ApiProperty({ example: '0022300001', description: '10-digit NBA GAME_ID (digits 1-3: 001 preseason, 002 regular, 004 playoffs, 005 play-in)' }) gameId!: string;
  @ApiProperty({ example: '2023-10-24' }) gameDate!: string;
  @ApiProperty({ example: 'LAL', description: 'tricode, full name or NBA TEAM_ID' }) team!: string;
  @ApiPropertyOptional({ example: 'DEN' }) opponent?: string;
  @ApiPropertyOptional({ example: false }) isHome?: boolean;
  @ApiPropertyOptional({ example: 'LAL @ DEN', description: 'alternative to opponent + isHome: "vs." home, "@" away' }) matchup?: string;
  @ApiProperty({ example: '29:00', description: '34, 34.5 or 34:12; 0 or empty with a DNP comment = did not play' }) minutes!: string;
  @ApiPropertyOptional({ example: "DNP - Coach's Decision" }) comment?: string;
  @ApiPropertyOptional({ example: true }) started?: boolean;
  @ApiProperty({ example: 21, minimum: 0, maximum: 100 }) pts!: number;
  @ApiProperty({ example: 8, description: 'OREB + DREB when both are given' }) reb!: number;
  @ApiProperty({ example: 5 }) ast!: number;
  @ApiProperty({ example: 1 }) fg3m!: number;
  @ApiPropertyOptional({ example: 10 }) fgm?: number;
  @ApiPropertyOptional({ example: 16 }) fga?: number;
  @ApiPropertyOptional({ example: 4 }) fg3a?: number;
  @ApiPropertyOptional({ example: 0 }) ftm?: number;
  @ApiPropertyOptional({ example: 1 }) fta?: number;
  @ApiPropertyOptional({ example: 1 }) oreb?: number;
  @ApiPropertyOptional({ example: 7 }) dreb?: number;
  @ApiPropertyOptional({ example: 1 }) stl?: number;
  @ApiPropertyOptional({ example: 0 }) blk?: number;
  @ApiPropertyOptional({ example: 2 }) tov?: number;
  @ApiPropertyOptional({ example: 1 }) pf?: number;
  @ApiPropertyOptional({ example: -7 }) plusMinus?: number;
}

/** Body of POST /ingest/box-scores as JSON. */
export class BoxScoresBodyDto {
  @ApiProperty({ type: [BoxScoreRowDto] }) rows!: BoxScoreRowDto[];
}

/** One game of the Propcast schedule JSON. */
export class ScheduleGameDto {
  @ApiProperty({ example: '0022400001' }) gameId!: string;
  @ApiProperty({ example: '2024-10-22' }) gameDate!: string;
  @ApiProperty({ example: 'BOS', description: 'tricode, full name or NBA TEAM_ID' }) homeTeam!: string;
  @ApiProperty({ example: 'NYK' }) awayTeam!: string;
  @ApiPropertyOptional({ example: '2024-10-22T23:30:00Z' }) tipoffAt?: string;
}

/** Body of POST /ingest/schedule as JSON. */
export class ScheduleBodyDto {
  @ApiProperty({ type: [ScheduleGameDto] }) rows!: ScheduleGameDto[];
}

/** One prop-line snapshot of the Propcast props JSON (The Odds API columns player, game, game_time, market, bookmaker... are accepted too). */
export class PropLineDto {
  @ApiPropertyOptional({ example: 2544, description: 'or playerName, matched on players.normalized_name' }) playerId?: number;
  @ApiPropertyOptional({ example: 'LeBron James' }) playerName?: string;
  @ApiPropertyOptional({ example: '0022300001', description: 'or gameDate plus team (or "Away @ Home" in game)' }) gameId?: string;
  @ApiPropertyOptional({ example: '2023-10-24' }) gameDate?: string;
  @ApiPropertyOptional({ example: 'LAL' }) team?: string;
  @ApiProperty({ enum: ['points', 'rebounds', 'assists', 'threes', 'pra'] }) stat!: string;
  @ApiProperty({ example: 25.5 }) line!: number;
  @ApiPropertyOptional({ example: -115, description: 'American odds' }) overPrice?: number;
  @ApiPropertyOptional({ example: -105 }) underPrice?: number;
  @ApiProperty({ example: 'draftkings' }) book!: string;
  @ApiProperty({ example: '2023-10-24T20:00:00Z', description: 'when the line was seen; the latest before tip-off is the closing line' }) capturedAt!: string;
}

/** Body of POST /ingest/props as JSON. */
export class PropsBodyDto {
  @ApiProperty({ type: [PropLineDto] }) rows!: PropLineDto[];
}

/** One game line snapshot of one book (Propcast JSON). */
export class GameLineDto {
  @ApiProperty({ example: '0022400401', required: false, description: 'or game_date with home_team and away_team' }) game_id?: string;
  @ApiProperty({ example: '2024-12-21', required: false }) game_date?: string;
  @ApiProperty({ example: 'SAC', required: false }) home_team?: string;
  @ApiProperty({ example: 'LAL', required: false }) away_team?: string;
  @ApiProperty({ example: 'draftkings' }) book!: string;
  @ApiProperty({ example: -3.5, required: false, description: 'points the home team gets: negative when it is favoured' }) home_spread?: number;
  @ApiProperty({ example: 228.5, required: false }) total?: number;
  @ApiProperty({ example: -160, required: false }) home_moneyline?: number;
  @ApiProperty({ example: 135, required: false }) away_moneyline?: number;
  @ApiProperty({ example: '2024-12-21T23:05:00Z', required: false, description: 'when the line was known (default: the batch option, else 1 min before tip-off)' }) captured_at?: string;
}

/** One player status report (Propcast JSON). */
export class AvailabilityReportDto {
  @ApiPropertyOptional({ example: 1629029, description: 'or player_name' }) player_id?: number;
  @ApiPropertyOptional({ example: 'Doncic, Luka' }) player_name?: string;
  @ApiProperty({ example: 'DAL' }) team!: string;
  @ApiPropertyOptional({ example: '0022400401', description: 'or game_date (with matchup, or the team)' }) game_id?: string;
  @ApiPropertyOptional({ example: '2024-12-21' }) game_date?: string;
  @ApiPropertyOptional({ example: 'DAL@SAC' }) matchup?: string;
  @ApiProperty({ enum: ['OUT', 'DOUBTFUL', 'QUESTIONABLE', 'PROBABLE', 'AVAILABLE'] }) current_status!: string;
  @ApiPropertyOptional({ example: 'Injury/Illness - Left Calf; Strain' }) reason?: string;
  @ApiPropertyOptional({ example: '2024-12-21T22:30:00Z', description: 'when the report was made (before the game); default ?reportedAt=' }) reported_at?: string;
}

export class AvailabilityBodyDto {
  @ApiProperty({ type: [AvailabilityReportDto] }) rows!: AvailabilityReportDto[];
}

export class GameLinesBodyDto {
  @ApiProperty({ type: [GameLineDto] }) rows!: GameLineDto[];
}

/** A problem with the input. */
export class RowProblemDto {
  @ApiProperty({ description: 'CSV line (header = 1), JSON array position (from 1), or 0 for the whole file' }) row!: number;
  @ApiProperty({ example: 'MIN' }) field!: string;
  @ApiProperty({ example: '75 is out of range (0 to 70)' }) message!: string;
}

class ReportRowsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'valid rows written: inserted + updated + unchanged' }) accepted!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ description: 'valid rows outside scope: All-Star games, exhibitions against non-NBA clubs, markets not predicted' }) skipped!: number;
  @ApiProperty({ description: 'identical duplicates collapsed' }) collapsed!: number;
  @ApiProperty() inserted!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
}

class EventCountsDto {
  @ApiProperty({ description: 'ingestion.completed events written to the outbox in the batch transaction' }) queued!: number;
  @ApiProperty({ description: 'of them, acknowledged by the bus before this answer' }) published!: number;
  @ApiProperty({ description: 'of them, waiting in the outbox: the relay publishes them as soon as the bus is back' }) pending!: number;
}

/** What happened to a batch. */
export class ImportReportDto {
  @ApiProperty({ example: 'ib-20250115-101530-3f9a1c' }) batchId!: string;
  @ApiProperty({ enum: ['BOX_SCORES', 'SCHEDULE', 'PROPS', 'GAME_LINES', 'AVAILABILITY'] }) kind!: string;
  @ApiProperty({ enum: ['ACCEPTED', 'PARTIAL', 'REJECTED', 'DUPLICATE'] }) status!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ example: 'imported 26 rows (26 new, 0 updated, 0 unchanged) for 1 game date' }) message!: string;
  @ApiProperty({ example: 'http' }) source!: string;
  @ApiProperty({ example: 'csv.gz' }) format!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ nullable: true, type: String }) duplicateOf!: string | null;
  @ApiProperty({ type: ReportRowsDto }) rows!: ReportRowsDto;
  @ApiProperty() problemCount!: number;
  @ApiProperty({ type: [RowProblemDto], description: 'the first 100 problems' }) problems!: RowProblemDto[];
  @ApiProperty({ type: [String], example: ['row 3, field MIN: 75 is out of range (0 to 70)'] }) errors!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'outliers, skipped rows by reason, corrections, assumed capture times' }) flags!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) gameDates!: string[];
  @ApiProperty({ nullable: true, type: String }) artifactUri!: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectUri!: string | null;
  @ApiProperty({ type: EventCountsDto }) events!: EventCountsDto;
  @ApiProperty() durationMs!: number;
  @ApiProperty() rowsPerSecond!: number;
}
