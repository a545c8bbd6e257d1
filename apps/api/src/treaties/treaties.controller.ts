import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ImportResult, TreatiesService, TreatyRecordImport, TreatyStatusView, TreatyView } from '@depositary/accession';
import {
  asOfQuerySchema,
  importQuerySchema,
  importResultSchema,
  newTreatySchema,
  treatyChangeSchema,
  treatyListSchema,
  treatyRecordFileSchema,
  treatyStatusViewSchema,
  treatyViewSchema,
} from '@depositary/contracts';
import { Actor } from '@depositary/domain';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiAnswer, ApiErrors, ApiZodBody, ApiZodQuery, Authenticated } from '../http/openapi';
import { SlugPipe } from '../http/params';
import { ZodPipe } from '../http/zod.pipe';

@ApiTags('treaties')
@Authenticated()
@Controller('api/treaties')
export class TreatiesController {
  constructor(
    private readonly treaties: TreatiesService,
    private readonly imports: TreatyRecordImport,
  ) {}

  @Post()
  @RequirePermission('treaties.manage')
  @ApiZodBody(newTreatySchema)
  @ApiAnswer(201, treatyViewSchema)
  @ApiErrors([409, 'a treaty with this slug exists'])
  create(@CurrentActor() actor: Actor, @Body(new ZodPipe(newTreatySchema)) body: z.infer<typeof newTreatySchema>): Promise<TreatyView> {
    return this.treaties.create(actor, body);
  }

  /** A treaty with its history, in one transaction; `?dryRun=true` answers what would be created and writes nothing. */
  @Post('import')
  @RequirePermission('treaties.manage')
  @ApiZodBody(treatyRecordFileSchema)
  @ApiZodQuery(importQuerySchema)
  @ApiAnswer(201, importResultSchema, 'the history was recorded')
  @ApiAnswer(200, importResultSchema, 'dryRun=true: what would be recorded; nothing was written')
  @ApiErrors([409, 'a treaty with this slug exists'])
  async import(
    @CurrentActor() actor: Actor,
    @Body(new ZodPipe(treatyRecordFileSchema)) body: z.infer<typeof treatyRecordFileSchema>,
    @Query(new ZodPipe(importQuerySchema)) query: z.infer<typeof importQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResult> {
    const result = await this.imports.load(actor, body, { dryRun: query.dryRun === 'true' });
    void reply.status(result.dryRun ? 200 : 201);
    return result;
  }

  @Get()
  @RequirePermission('treaties.read')
  @ApiAnswer(200, treatyListSchema)
  async list(): Promise<{ items: TreatyView[]; nextCursor: null }> {
    return { items: await this.treaties.list(), nextCursor: null };
  }

  @Get(':slug')
  @RequirePermission('treaties.read')
  @ApiAnswer(200, treatyViewSchema)
  get(@Param('slug', SlugPipe) slug: string): Promise<TreatyView> {
    return this.treaties.get(slug);
  }

  @Patch(':slug')
  @RequirePermission('treaties.manage')
  @ApiZodBody(treatyChangeSchema)
  @ApiAnswer(200, treatyViewSchema)
  @ApiErrors([409, 'treaty_not_open: the rule changes only while the treaty is open'])
  update(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Body(new ZodPipe(treatyChangeSchema)) body: z.infer<typeof treatyChangeSchema>,
  ): Promise<TreatyView> {
    return this.treaties.update(actor, slug, body);
  }

  @Get(':slug/status')
  @RequirePermission('treaties.read')
  @ApiZodQuery(asOfQuerySchema)
  @ApiAnswer(200, treatyStatusViewSchema)
  status(
    @Param('slug', SlugPipe) slug: string,
    @Query(new ZodPipe(asOfQuerySchema)) query: z.infer<typeof asOfQuerySchema>,
  ): Promise<TreatyStatusView> {
    return this.treaties.status(slug, query);
  }
}
