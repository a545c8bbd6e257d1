import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Actor, DomainError, ErrorCode, Language, configurationDiff, configurationOf, notFound } from '@depositary/domain';
import { Country, FocalPoint, recordConfigurationChange, refusingDuplicates } from '@depositary/persistence';
import { Repository } from 'typeorm';
import { assertCountryInScope } from './scope';
import type { FocalPointView } from '@depositary/contracts';

export type { FocalPointView } from '@depositary/contracts';

export interface NewFocalPoint {
  name: string;
  email: string;
  language: Language;
}

export interface FocalPointChange {
  name?: string;
  email?: string;
  language?: Language;
  active?: boolean;
}

/** What of a focal point's view is not its configuration. */
const NOT_CONFIGURATION = ['id', 'createdAt'] as const;

const toView = (focalPoint: FocalPoint): FocalPointView => ({
  id: focalPoint.id,
  country: focalPoint.countryCode,
  name: focalPoint.name,
  email: focalPoint.email,
  language: focalPoint.language,
  active: focalPoint.active,
  createdAt: focalPoint.createdAt.toISOString(),
});

@Injectable()
export class FocalPointsService {
  constructor(
    @InjectRepository(FocalPoint) private readonly focalPoints: Repository<FocalPoint>,
    @InjectRepository(Country) private readonly countries: Repository<Country>,
  ) {}

  async list(actor: Actor, code: string): Promise<FocalPointView[]> {
    assertCountryInScope(actor, code);
    await this.requireCountry(code);
    return (await this.focalPoints.find({ where: { countryCode: code }, order: { createdAt: 'ASC' } })).map(toView);
  }

  async create(actor: Actor | 'system', code: string, input: NewFocalPoint): Promise<FocalPointView> {
    await this.requireCountry(code);
    return refusingDuplicates(
      () =>
        this.focalPoints.manager.transaction(async (tx) => {
          const focalPoints = tx.getRepository(FocalPoint);
          const saved = await focalPoints.save(focalPoints.create({ countryCode: code, ...input, email: input.email.toLowerCase() }));
          const view = toView(await focalPoints.findOneByOrFail({ id: saved.id }));
          await recordConfigurationChange(tx, actor, {
            action: 'focal_point.created',
            country: code,
            subject: view.id,
            before: null,
            after: configurationOf({ ...view }, NOT_CONFIGURATION),
          });
          return view;
        }),
      () => new DomainError(ErrorCode.Duplicate, `${input.email} is already a focal point of ${code}`),
    );
  }

  async update(actor: Actor | 'system', code: string, id: string, change: FocalPointChange): Promise<FocalPointView> {
    return refusingDuplicates(
      () =>
        this.focalPoints.manager.transaction(async (tx) => {
          const focalPoints = tx.getRepository(FocalPoint);
          const focalPoint = await focalPoints.findOne({ where: { id, countryCode: code }, lock: { mode: 'pessimistic_write' } });
          if (!focalPoint) throw notFound(`focal point ${id} of ${code}`);
          const before = toView(focalPoint);
          Object.assign(focalPoint, { ...change, ...(change.email ? { email: change.email.toLowerCase() } : {}) });
          await focalPoints.save(focalPoint);
          const after = toView(await focalPoints.findOneByOrFail({ id }));
          const diff = configurationDiff({ ...before }, { ...after }, NOT_CONFIGURATION);
          if (diff) await recordConfigurationChange(tx, actor, { action: 'focal_point.updated', country: code, subject: id, ...diff });
          return after;
        }),
      () => new DomainError(ErrorCode.Duplicate, `${change.email} is already a focal point of ${code}`),
    );
  }

  private async requireCountry(code: string): Promise<void> {
    if (!(await this.countries.existsBy({ code }))) throw notFound(`country ${code}`);
  }
}
