import { Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditCheckpoints, AuditService, CheckpointView, ConfigurationEventView, Verification } from '@depositary/audit';
import { EventView } from '@depositary/accession';
import { Actor, countryCode, isIsoDate } from '@depositary/domain';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiAnswer, ApiZodQuery, Authenticated } from '../http/openapi';
import { auditEventListSchema, checkpointListSchema, checkpointViewSchema, verificationSchema } from '@depositary/contracts';
import { ZodPipe } from '../http/zod.pipe';

// A day stays a day (the filter covers all of it); a date-time becomes a UTC instant PostgreSQL accepts.
const instant = z.string().transform((value, ctx) => {
  if (isIsoDate(value)) return value;
  const time = Date.parse(value);
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  const offsetOk = !offset || Number(offset[2]) * 60 + Number(offset[3]) <= 14 * 60; // real offsets span -12:00 to +14:00
  if (z.iso.datetime({ offset: true }).safeParse(value).success && offsetOk && !Number.isNaN(time) && new Date(time).getUTCFullYear() >= 1)
    return new Date(time).toISOString();
  ctx.addIssue({ code: 'custom', message: 'must be YYYY-MM-DD or an ISO date-time' });
  return z.NEVER;
});
const auditQuery = z.strictObject({
  treaty: z.string().max(100).optional(),
  country: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(countryCode)
    .optional(),
  actor: z.union([z.literal('system'), z.uuid(), z.email()], 'must be "system", a user id or an e-mail address').optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(1000).optional(),
  format: z.enum(['json', 'csv'], 'must be json or csv').optional(),
  kind: z.enum(['participant', 'configuration'], 'must be participant or configuration').optional(),
});

@ApiTags('audit')
@Authenticated()
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  @Get('events')
  @RequirePermission('audit.read')
  @ApiZodQuery(auditQuery)
  @ApiAnswer(200, { 'application/json': auditEventListSchema, 'text/csv': 'text' }, 'a page of events; CSV (all of them) with format=csv')
  events(
    @Query(new ZodPipe(auditQuery)) query: z.infer<typeof auditQuery>,
  ): Promise<{ items: (EventView | ConfigurationEventView)[]; nextCursor: string | null }> | StreamableFile {
    if (query.format === 'csv')
      return new StreamableFile(this.audit.csv(query), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="audit-${query.kind ?? 'participant'}-events.csv"`,
      });
    return this.audit.list(query);
  }

  @Get('verify')
  @RequirePermission('audit.verify')
  @ApiAnswer(200, verificationSchema)
  verify(): Promise<Verification> {
    return this.audit.verify();
  }

  @Get('checkpoints')
  @RequirePermission('audit.read')
  @ApiAnswer(200, checkpointListSchema)
  checkpointList(): Promise<{ items: CheckpointView[]; nextCursor: null }> {
    return this.checkpoints.list();
  }

  @Post('checkpoints')
  @RequirePermission('audit.checkpoint')
  @ApiAnswer(201, checkpointViewSchema)
  takeCheckpoint(@CurrentActor() actor: Actor): Promise<CheckpointView> {
    return this.checkpoints.take(actor);
  }
}
