import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditService, Verification } from '@depositary/audit';
import { EventView } from '@depositary/accession';
import { countryCode, isIsoDate } from '@depositary/domain';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { RequirePermission } from '../http/access';
import { ApiZodQuery, Authenticated } from '../http/openapi';
import { ZodPipe } from '../http/zod.pipe';

const instant = z
  .string()
  .refine(
    (value) => isIsoDate(value) || (z.iso.datetime({ offset: true }).safeParse(value).success && !Number.isNaN(Date.parse(value))),
    'must be YYYY-MM-DD or an ISO date-time',
  );
const auditQuery = z.strictObject({
  treaty: z.string().max(100).optional(),
  country: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(countryCode)
    .optional(),
  actor: z.string().max(320).optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(1000).optional(),
  format: z.enum(['json', 'csv'], 'must be json or csv').optional(),
});

@ApiTags('audit')
@Authenticated()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('events')
  @RequirePermission('audit.read')
  @ApiZodQuery(auditQuery)
  async events(
    @Query(new ZodPipe(auditQuery)) query: z.infer<typeof auditQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ items: EventView[]; nextCursor: string | null } | string> {
    if (query.format === 'csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-events.csv"');
      return this.audit.csv(query);
    }
    return this.audit.list(query);
  }

  @Get('verify')
  @RequirePermission('audit.verify')
  verify(): Promise<Verification> {
    return this.audit.verify();
  }
}
