import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CountriesService, FocalPointView, FocalPointsService } from '@depositary/accession';
import { Actor } from '@depositary/domain';
import { LANGUAGES } from '@depositary/persistence';
import { z } from 'zod';
import { CountryCodePipe } from '../http/params';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiZodBody, Authenticated } from '../http/openapi';
import { ZodPipe } from '../http/zod.pipe';

const newFocalPoint = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((value) => !/[\r\n]/.test(value), 'must be one line'),
  email: z
    .email('must be an e-mail address')
    .max(320)
    .refine((value) => !/[\r\n]/.test(value), 'must be one line'),
  language: z.enum(LANGUAGES, `must be one of ${LANGUAGES.join(', ')}`),
});

@ApiTags('countries')
@Authenticated()
@Controller('api/countries')
export class CountriesController {
  constructor(
    private readonly countries: CountriesService,
    private readonly focalPoints: FocalPointsService,
  ) {}

  @Get()
  @RequirePermission('countries.read')
  async list(): Promise<{ items: { code: string; name: string }[]; nextCursor: null }> {
    return { items: await this.countries.list(), nextCursor: null };
  }

  @Get(':code/focal-points')
  @RequirePermission('focalPoints.read')
  async focalPointsOf(
    @CurrentActor() actor: Actor,
    @Param('code', CountryCodePipe) code: string,
  ): Promise<{ items: FocalPointView[]; nextCursor: null }> {
    return { items: await this.focalPoints.list(actor, code), nextCursor: null };
  }

  @Post(':code/focal-points')
  @RequirePermission('focalPoints.manage')
  @ApiZodBody(newFocalPoint)
  addFocalPoint(
    @Param('code', CountryCodePipe) code: string,
    @Body(new ZodPipe(newFocalPoint)) body: z.infer<typeof newFocalPoint>,
  ): Promise<FocalPointView> {
    return this.focalPoints.create(code, body);
  }
}
