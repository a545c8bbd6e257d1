import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Country } from '@depositary/persistence';
import { Repository } from 'typeorm';

@Injectable()
export class CountriesService {
  constructor(@InjectRepository(Country) private readonly countries: Repository<Country>) {}

  async list(): Promise<{ code: string; name: string }[]> {
    return (await this.countries.find({ order: { name: 'ASC' } })).map(({ code, name }) => ({ code, name }));
  }
}
