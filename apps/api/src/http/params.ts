import { PipeTransform } from '@nestjs/common';
import { invalid } from '@depositary/domain';

/** A country in a path: alpha-3, case-insensitive on the way in, upper case inside. */
export class CountryCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z]{3}$/.test(value)) throw invalid(`"${value}" is not an ISO 3166-1 alpha-3 country code`, { field: 'code' });
    return value.toUpperCase();
  }
}

/** A treaty slug in a path. */
export class SlugPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) || value.length > 100)
      throw invalid(`"${value}" is not a treaty slug`, { field: 'slug' });
    return value;
  }
}
