import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TreatiesService, TreatyStatusView, TreatyView } from '@depositary/accession';
import { Actor, entryIntoForceRuleSchema, isoDate, reminderPoliciesSchema } from '@depositary/domain';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiZodBody, Authenticated } from '../http/openapi';
import { SlugPipe } from '../http/params';
import { ZodPipe } from '../http/zod.pipe';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const newTreaty = z.strictObject({
  slug: z
    .string()
    .max(100)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters and digits separated by single hyphens, like "iofs-statute"'),
  title: text(500),
  depositary: text(500).optional(),
  openedForSignatureOn: isoDate,
  entryIntoForce: entryIntoForceRuleSchema,
  reminders: reminderPoliciesSchema.optional(),
});
const treatyChange = z
  .strictObject({
    title: text(500).optional(),
    depositary: text(500).nullable().optional(),
    reminders: reminderPoliciesSchema.optional(),
    entryIntoForce: entryIntoForceRuleSchema.optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'give at least one of title, depositary, reminders, entryIntoForce');

@ApiTags('treaties')
@Authenticated()
@Controller('api/treaties')
export class TreatiesController {
  constructor(private readonly treaties: TreatiesService) {}

  @Post()
  @RequirePermission('treaties.manage')
  @ApiZodBody(newTreaty)
  create(@CurrentActor() actor: Actor, @Body(new ZodPipe(newTreaty)) body: z.infer<typeof newTreaty>): Promise<TreatyView> {
    return this.treaties.create(actor, body);
  }

  @Get()
  @RequirePermission('treaties.read')
  async list(): Promise<{ items: TreatyView[]; nextCursor: null }> {
    return { items: await this.treaties.list(), nextCursor: null };
  }

  @Get(':slug')
  @RequirePermission('treaties.read')
  get(@Param('slug', SlugPipe) slug: string): Promise<TreatyView> {
    return this.treaties.get(slug);
  }

  @Patch(':slug')
  @RequirePermission('treaties.manage')
  @ApiZodBody(treatyChange)
  update(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Body(new ZodPipe(treatyChange)) body: z.infer<typeof treatyChange>,
  ): Promise<TreatyView> {
    return this.treaties.update(actor, slug, body);
  }

  @Get(':slug/status')
  @RequirePermission('treaties.read')
  status(@Param('slug', SlugPipe) slug: string): Promise<TreatyStatusView> {
    return this.treaties.status(slug);
  }
}
