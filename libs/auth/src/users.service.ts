import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Actor, DomainError, ErrorCode, Role, invalid, notFound } from '@depositary/domain';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { Country, User } from '@depositary/persistence';
import { QueryFailedError, Repository } from 'typeorm';
import { hashPassword } from './password';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  country?: string;
}

export interface UserChange {
  active?: boolean;
  role?: Role;
  country?: string | null;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  country: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const toUserView = (user: User): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  country: user.countryCode,
  active: user.active,
  createdAt: user.createdAt.toISOString(),
  updatedAt: user.updatedAt.toISOString(),
});

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Country) private readonly countries: Repository<Country>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(input: NewUser): Promise<UserView> {
    const country = await this.checkCountry(input.role, input.country ?? null);
    try {
      const user = await this.users.save(
        this.users.create({
          email: input.email.toLowerCase(),
          name: input.name,
          passwordHash: await hashPassword(input.password),
          role: input.role,
          countryCode: country,
        }),
      );
      return toUserView(user);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')
        throw new DomainError(ErrorCode.Duplicate, `a user with e-mail ${input.email.toLowerCase()} already exists`);
      throw error;
    }
  }

  async list(): Promise<UserView[]> {
    return (await this.users.find({ order: { createdAt: 'ASC' } })).map(toUserView);
  }

  async update(id: string, change: UserChange): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound(`user ${id}`);
    const role = change.role ?? user.role;
    const country = change.country !== undefined ? change.country : role === 'focal_point' ? user.countryCode : null;
    user.countryCode = await this.checkCountry(role, country);
    user.role = role;
    if (change.active !== undefined) user.active = change.active;
    return toUserView(await this.users.save(user));
  }

  /** The actor behind a token, read afresh on every request so that role and deactivation apply at once. */
  async findActor(id: string): Promise<Actor | null> {
    // One indexed read per request, in plain SQL: it is on the path of every authenticated call.
    const [user]: { id: string; email: string; role: Role; country_code: string | null }[] = await this.users.query(
      `SELECT id, email, role, country_code FROM users WHERE id = $1 AND active`,
      [id],
    );
    return user ? { id: user.id, email: user.email, role: user.role, countryCode: user.country_code } : null;
  }

  async findForLogin(email: string): Promise<User | null> {
    return this.users.findOne({
      where: { email: email.toLowerCase() },
      select: { id: true, email: true, role: true, countryCode: true, active: true, passwordHash: true },
    });
  }

  /** Creates the admin of ADMIN_EMAIL / ADMIN_PASSWORD when the database has no admin yet. */
  async ensureAdmin(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    if (await this.users.exists({ where: { role: 'admin' } })) return;
    await this.users
      .createQueryBuilder()
      .insert()
      .values({
        email: admin.email,
        name: 'Administrator',
        passwordHash: await hashPassword(admin.password),
        role: 'admin',
        countryCode: null,
      })
      .orIgnore()
      .execute();
    this.logger.log(`created the admin ${admin.email}`);
  }

  private async checkCountry(role: Role, country: string | null): Promise<string | null> {
    if (role !== 'focal_point') {
      if (country) throw invalid('country is only for focal points', { field: 'country' });
      return null;
    }
    if (!country) throw invalid('a focal point needs a country (ISO 3166-1 alpha-3)', { field: 'country' });
    if (!(await this.countries.existsBy({ code: country }))) throw invalid(`unknown country ${country}`, { field: 'country' });
    return country;
  }
}
