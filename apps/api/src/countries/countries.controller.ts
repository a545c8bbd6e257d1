import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CountriesService, FocalPointView, FocalPointsService } from '@depositary/accession';
import { Actor } from '@depositary/domain';
import { LANGUAGES } from '@depositary/domain';
import { z } from 'zod';
import { CountryCodePipe } from '../http/params';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiAnswer, ApiErrors, ApiZodBody, Authenticated } from '../http/openapi';
import { countryListSchema, focalPointListSchema, focalPointViewSchema } from '@depositary/contracts';
import { ZodPipe } from '../http/zod.pipe';

const oneLine = (text: string): boolean => !/[\r\n]/.test(text);
const focalPointFields = {
  name: z.string().trim().min(1).max(200).refine(oneLine, 'must be one line'),
  email: z.email('must be an e-mail address').max(320).refine(oneLine, 'must be one line'),
  language: z.enum(LANGUAGES, `must be one of ${LANGUAGES.join(', ')}`),
};
const newFocalPoint = z.strictObject(focalPointFields);
const focalPointChange = z
  .strictObject({
    name: focalPointFields.name.optional(),
    email: focalPointFields.email.optional(),
    language: focalPointFields.language.optional(),
    active: z.boolean().optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'give at least one of name, email, language, active');

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
  @ApiAnswer(200, countryListSchema)
  async list(): Promise<{ items: { code: string; name: string }[]; nextCursor: null }> {
    return { items: await this.countries.list(), nextCursor: null };
  }

  @Get(':code/focal-points')
  @RequirePermission('focalPoints.read')
  @ApiAnswer(200, focalPointListSchema)
  async focalPointsOf(
    @CurrentActor() actor: Actor,
    @Param('code', CountryCodePipe) code: string,
  ): Promise<{ items: FocalPointView[]; nextCursor: null }> {
    return { items: await this.focalPoints.list(actor, code), nextCursor: null };
  }

  @Post(':code/focal-points')
  @RequirePermission('focalPoints.manage')
  @ApiZodBody(newFocalPoint)
  @ApiAnswer(201, focalPointViewSchema)
  @ApiErrors([409, 'this e-mail address is already a focal point of the country'])
  addFocalPoint(
    @CurrentActor() actor: Actor,
    @Param('code', CountryCodePipe) code: string,
    @Body(new ZodPipe(newFocalPoint)) body: z.infer<typeof newFocalPoint>,
  ): Promise<FocalPointView> {
    return this.focalPoints.create(actor, code, body);
  }

  @Patch(':code/focal-points/:id')
  @RequirePermission('focalPoints.manage')
  @ApiZodBody(focalPointChange)
  @ApiAnswer(200, focalPointViewSchema)
  @ApiErrors([409, 'this e-mail address is already a focal point of the country'])
  updateFocalPoint(
    @CurrentActor() actor: Actor,
    @Param('code', CountryCodePipe) code: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(focalPointChange)) body: z.infer<typeof focalPointChange>,
  ): Promise<FocalPointView> {
    return this.focalPoints.update(actor, code, id, body);
  }
}
