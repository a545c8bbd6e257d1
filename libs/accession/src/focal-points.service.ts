import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Actor, DomainError, ErrorCode, notFound } from '@depositary/domain';
import { Country, FocalPoint, Language } from '@depositary/persistence';
import { QueryFailedError, Repository } from 'typeorm';
import { assertCountryInScope } from './scope';

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

export interface FocalPointView {
  id: string;
  country: string;
  name: string;
  email: string;
  language: Language;
  active: boolean;
  createdAt: string;
}

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

  async create(code: string, input: NewFocalPoint): Promise<FocalPointView> {
    await this.requireCountry(code);
    try {
      const saved = await this.focalPoints.save(this.focalPoints.create({ countryCode: code, ...input, email: input.email.toLowerCase() }));
      return toView(await this.focalPoints.findOneByOrFail({ id: saved.id }));
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')
        throw new DomainError(ErrorCode.Duplicate, `${input.email} is already a focal point of ${code}`);
      throw error;
    }
  }

  async update(code: string, id: string, change: FocalPointChange): Promise<FocalPointView> {
    const focalPoint = await this.focalPoints.findOneBy({ id, countryCode: code });
    if (!focalPoint) throw notFound(`focal point ${id} of ${code}`);
    Object.assign(focalPoint, { ...change, ...(change.email ? { email: change.email.toLowerCase() } : {}) });
    try {
      await this.focalPoints.save(focalPoint);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')
        throw new DomainError(ErrorCode.Duplicate, `${change.email} is already a focal point of ${code}`);
      throw error;
    }
    return toView(await this.focalPoints.findOneByOrFail({ id }));
  }

  private async requireCountry(code: string): Promise<void> {
    if (!(await this.countries.existsBy({ code }))) throw notFound(`country ${code}`);
  }
}
