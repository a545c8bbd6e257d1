import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { Country } from './entities/country.entity';
import { FocalPoint } from './entities/focal-point.entity';
import { ParticipantEvent } from './entities/participant-event.entity';
import { Participant } from './entities/participant.entity';
import { Treaty } from './entities/treaty.entity';
import { User } from './entities/user.entity';

// Calendar days stay 'YYYY-MM-DD' strings (no time zone shift); counts and bigserial ids are numbers.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export const ENTITIES = [Country, User, Treaty, Participant, ParticipantEvent, FocalPoint];

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  };
}

/** The data source of the TypeORM CLI (`typeorm -d dist/libs/persistence/src/data-source.js`). */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/depositary'));
