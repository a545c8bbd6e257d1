import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventView, StatementView, StatementsService } from '@depositary/accession';
import {
  statementDateSchema,
  statementListSchema,
  statementQuerySchema,
  statementResultSchema,
  statementSchema,
} from '@depositary/contracts';
import { Actor } from '@depositary/domain';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiAnswer, ApiErrors, ApiZodBody, ApiZodQuery, Authenticated } from '../http/openapi';
import { CountryCodePipe, SlugPipe, StatementIdPipe } from '../http/params';
import { ZodPipe } from '../http/zod.pipe';

/** Reservations, declarations, objections, territorial application and communications of the participants of a treaty. */
@ApiTags('statements')
@Authenticated()
@Controller('api/treaties/:slug')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Post('participants/:code/statements')
  @HttpCode(201)
  @RequirePermission('actions.record')
  @ApiZodBody(statementSchema)
  @ApiAnswer(201, statementResultSchema)
  @ApiErrors([409, 'reservations_prohibited, or a statement the record does not allow'])
  make(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Param('code', CountryCodePipe) code: string,
    @Body(new ZodPipe(statementSchema)) body: z.infer<typeof statementSchema>,
  ): Promise<{ statement: StatementView; event: EventView }> {
    return this.statements.make(actor, slug, code, body);
  }

  @Post('participants/:code/statements/:id/confirm')
  @HttpCode(201)
  @RequirePermission('actions.record')
  @ApiZodBody(statementDateSchema)
  @ApiAnswer(201, statementResultSchema)
  @ApiErrors([409, 'the statement cannot be confirmed'])
  confirm(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Param('code', CountryCodePipe) code: string,
    @Param('id', StatementIdPipe) id: number,
    @Body(new ZodPipe(statementDateSchema)) body: z.infer<typeof statementDateSchema>,
  ): Promise<{ statement: StatementView; event: EventView }> {
    return this.statements.confirm(actor, slug, code, id, body.date);
  }

  @Post('participants/:code/statements/:id/withdraw')
  @HttpCode(201)
  @RequirePermission('actions.record')
  @ApiZodBody(statementDateSchema)
  @ApiAnswer(201, statementResultSchema)
  @ApiErrors([409, 'the statement cannot be withdrawn'])
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Param('code', CountryCodePipe) code: string,
    @Param('id', StatementIdPipe) id: number,
    @Body(new ZodPipe(statementDateSchema)) body: z.infer<typeof statementDateSchema>,
  ): Promise<{ statement: StatementView; event: EventView }> {
    return this.statements.withdraw(actor, slug, code, id, body.date);
  }

  @Get('statements')
  @RequirePermission('participants.read')
  @ApiZodQuery(statementQuerySchema)
  @ApiAnswer(200, statementListSchema)
  async list(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Query(new ZodPipe(statementQuerySchema)) query: z.infer<typeof statementQuerySchema>,
  ): Promise<{ items: StatementView[]; nextCursor: null }> {
    return { items: await this.statements.list(actor, slug, query), nextCursor: null };
  }
}
