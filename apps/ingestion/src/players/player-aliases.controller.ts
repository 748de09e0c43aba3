import { BadRequestException, Body, ConflictException, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiActor } from '@propcast/observability';
import { PlayerAliasesUseCase, PlayerAliasRefusedError, type AddedPlayerAlias, type PlayerAliasRecord } from '@propcast/ingestion';

const AddAliasSchema = z.object({
  name: z.string().min(1),
  playerId: z.number().int().positive(),
  book: z.string().optional(),
  reason: z.string().min(1),
});

const ListAliasesSchema = z.object({ playerId: z.coerce.number().int().positive().optional() });
const RemoveAliasSchema = z.object({ name: z.string().min(1), book: z.string().optional() });

/** OpenAPI of POST /players/aliases. */
export class AddPlayerAliasDto {
  @ApiProperty({ example: 'Nicolas Claxton', description: 'the name as the feed writes it (stored normalised)' }) name!: string;
  @ApiProperty({ example: 1629651 }) playerId!: number;
  @ApiPropertyOptional({ example: 'bovada', description: "only for this book's lines; omitted = every book" }) book?: string;
  @ApiProperty({ example: 'Bovada writes his full first name' }) reason!: string;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequestException(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** A refused change as HTTP: 404 for what is not stored, 409 for a clash, 400 for bad input. */
function httpError(err: unknown): unknown {
  if (!(err instanceof PlayerAliasRefusedError)) return err;
  const body = { error: err.code, message: err.message };
  if (err.code === 'PLAYER_NOT_FOUND' || err.code === 'NOT_FOUND') return new NotFoundException(body);
  if (err.code === 'INVALID') return new BadRequestException(body);
  return new ConflictException(body);
}

/** Aliases of the names feeds use for stored players: a thin adapter over PlayerAliasesUseCase. */
@ApiTags('players')
@Controller('players/aliases')
export class PlayerAliasesController {
  constructor(@Inject(PlayerAliasesUseCase) private readonly aliases: PlayerAliasesUseCase) {}

  @Post()
  @ApiOperation({ summary: "Add an alias: a feed's name for a stored player, for every book or one" })
  @ApiResponse({ status: 201, description: 'added (or its reason updated)' })
  @ApiResponse({ status: 404, description: 'the player is not stored' })
  @ApiResponse({ status: 409, description: "the name is another player's alias for these books, or means a player who played a game with this one" })
  async add(@Body() body: AddPlayerAliasDto, @ApiActor() actor: string): Promise<AddedPlayerAlias> {
    // Who added it is the API key's name, never text from the request (the audit actor of the hardening issue).
    const cmd = parse(AddAliasSchema, body);
    return this.aliases.add({ ...cmd, createdBy: actor }).catch((err: unknown) => {
      throw httpError(err);
    });
  }

  @Get()
  @ApiOperation({ summary: 'List aliases (of one player with ?playerId=)' })
  async list(@Query() query: Record<string, string>): Promise<PlayerAliasRecord[]> {
    return this.aliases.list(parse(ListAliasesSchema, query));
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove an alias (?name=...&book=...; no book = the alias of every book)' })
  @ApiResponse({ status: 404, description: 'no such alias' })
  async remove(@Query() query: Record<string, string>): Promise<PlayerAliasRecord> {
    return this.aliases.remove(parse(RemoveAliasSchema, query)).catch((err: unknown) => {
      throw httpError(err);
    });
  }
}
