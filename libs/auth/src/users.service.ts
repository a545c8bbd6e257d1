import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Actor,
  ConfigurationValues,
  DomainError,
  ErrorCode,
  Language,
  Role,
  configurationDiff,
  configurationOf,
  invalid,
  notFound,
  Permission,
  permissionsOf,
} from '@depositary/domain';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { Country, User, recordConfigurationChange, refusingDuplicates } from '@depositary/persistence';
import { EntityManager, Repository } from 'typeorm';
import { hashPassword, verifyPassword } from './password';
import type { UserView } from '@depositary/contracts';
import { ActorCache } from './actor-cache';

export type { UserView } from '@depositary/contracts';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  country?: string;
  language?: Language;
}

/** What an admin changes of a user; `password` resets it. */
export interface UserChange {
  active?: boolean;
  role?: Role;
  country?: string | null;
  password?: string;
}

/** What a user changes of their own account; a new password needs the current one. */
export interface OwnAccountChange {
  language?: Language;
  password?: string;
  currentPassword?: string;
}

/** The signed-in user's own view: the user, and what its role may do. */
export type AccountView = UserView & { permissions: Permission[] };

export const toAccountView = (user: UserView): AccountView => ({ ...user, permissions: permissionsOf(user.role) });

export const toUserView = (user: User): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  country: user.countryCode,
  language: user.language,
  active: user.active,
  createdAt: user.createdAt.toISOString(),
  updatedAt: user.updatedAt.toISOString(),
});

/** What of a user's view is not configuration. A password is audited only as "changed", never its value or hash. */
const NOT_CONFIGURATION = ['id', 'createdAt', 'updatedAt'] as const;

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Country) private readonly countries: Repository<Country>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actors: ActorCache,
  ) {}

  async create(actor: Actor | 'system', input: NewUser): Promise<UserView> {
    const country = await this.checkCountry(input.role, input.country ?? null);
    const passwordHash = await hashPassword(input.password);
    return refusingDuplicates(
      () =>
        this.users.manager.transaction(async (tx) => {
          const users = tx.getRepository(User);
          const saved = await users.save(
            users.create({
              email: input.email.toLowerCase(),
              name: input.name,
              passwordHash,
              role: input.role,
              countryCode: country,
              language: input.language ?? 'en',
            }),
          );
          const view = toUserView(await users.findOneByOrFail({ id: saved.id }));
          await recordConfigurationChange(tx, actor, {
            action: 'user.created',
            country: view.country,
            subject: view.id,
            before: null,
            after: configurationOf({ ...view }, NOT_CONFIGURATION),
          });
          return view;
        }),
      () => new DomainError(ErrorCode.Duplicate, `a user with e-mail ${input.email.toLowerCase()} already exists`),
    );
  }

  async list(): Promise<UserView[]> {
    return (await this.users.find({ order: { createdAt: 'ASC' } })).map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound(`user ${id}`);
    return toUserView(user);
  }

  /** The signed-in user's own account. */
  async account(id: string): Promise<AccountView> {
    return toAccountView(await this.get(id));
  }

  /** An admin's change of a user. The last active admin cannot be deactivated or given another role. */
  async update(actor: Actor | 'system', id: string, change: UserChange): Promise<UserView> {
    const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
    return this.change(actor, id, async (user, tx) => {
      const role = change.role ?? user.role;
      const country = change.country !== undefined ? change.country : role === 'focal_point' ? user.countryCode : null;
      const active = change.active ?? user.active;
      if (user.role === 'admin' && user.active && (role !== 'admin' || !active)) {
        // Every change of an admin locks the active admins, so two admins demoting each other cannot both succeed.
        const admins: { id: string }[] = await tx.query(`SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`);
        if (admins.every((admin) => admin.id === user.id))
          throw new DomainError(ErrorCode.LastAdmin, 'this is the last active admin: make another user admin first');
      }
      user.countryCode = await this.checkCountry(role, country);
      user.role = role;
      user.active = active;
      return passwordHash;
    });
  }

  /** A user's change of their own account: language, and password (with the current one). */
  async updateOwn(actor: Actor, change: OwnAccountChange): Promise<AccountView> {
    if (change.password !== undefined) {
      const current = await this.findForLogin(actor.email);
      if (change.currentPassword === undefined || !current || !(await verifyPassword(current.passwordHash, change.currentPassword)))
        throw new DomainError(ErrorCode.Forbidden, 'currentPassword is missing or wrong: a new password needs the current one', {
          field: 'currentPassword',
        });
    }
    const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
    const updated = await this.change(actor, actor.id, (user) => {
      if (change.language !== undefined) user.language = change.language;
      return Promise.resolve(passwordHash);
    });
    return toAccountView(updated);
  }

  /**
   * Applies a change to a user in one transaction with its configuration event. `apply` edits the entity and
   * answers the new password hash, if any: a new password also refuses every token issued before it.
   */
  private async change(
    actor: Actor | 'system',
    id: string,
    apply: (user: User, tx: EntityManager) => Promise<string | undefined>,
  ): Promise<UserView> {
    const after = await this.users.manager.transaction(async (tx) => {
      const users = tx.getRepository(User);
      const user = await users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound(`user ${id}`);
      const before = toUserView(user);
      const passwordHash = await apply(user, tx);
      await users.save(user);
      if (passwordHash !== undefined)
        await tx.query(`UPDATE users SET password_hash = $2, tokens_not_before = date_trunc('second', now()) WHERE id = $1`, [
          id,
          passwordHash,
        ]);
      const after = toUserView(await users.findOneByOrFail({ id }));
      const diff = configurationDiff({ ...before }, { ...after }, NOT_CONFIGURATION) ?? { before: {}, after: {} };
      const password: [ConfigurationValues, ConfigurationValues] =
        passwordHash === undefined ? [{}, {}] : [{ passwordChanged: false }, { passwordChanged: true }];
      if (Object.keys(diff.after).length > 0 || passwordHash !== undefined)
        await recordConfigurationChange(tx, actor, {
          action: 'user.updated',
          country: after.country,
          subject: id,
          before: { ...diff.before, ...password[0] },
          after: { ...diff.after, ...password[1] },
        });
      return after;
    });
    // Committed: every process forgets what it kept of this user before the answer goes out.
    await this.actors.changed(id);
    return after;
  }

  /**
   * The actor behind a token, as fresh as the database: kept between requests only until a change of the user (role,
   * deactivation, a password change, a sign-out), which every process hears before that change is answered
   * (ActorCache), so that it applies on the very next request, in every process.
   */
  async findActor(id: string, token: { jti: string; iat: number }): Promise<Actor | null> {
    const kept = this.actors.get(id, token.jti);
    if (kept) return kept;
    const readAt = this.actors.readAt;
    // One indexed read, in plain SQL, when the actor is not kept: it is on the path of every authenticated call.
    const [user]: { id: string; email: string; role: Role; country_code: string | null }[] = await this.users.query(
      `SELECT id, email, role, country_code FROM users
       WHERE id = $1 AND active AND (tokens_not_before IS NULL OR to_timestamp($3) >= tokens_not_before)
         AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $2)`,
      [id, token.jti, token.iat],
    );
    if (!user) return null;
    const actor: Actor = { id: user.id, email: user.email, role: user.role, countryCode: user.country_code };
    this.actors.keep(id, token.jti, actor, readAt);
    return actor;
  }

  /** Refuses a token from now on, in every process (a sign-out). */
  async revokeToken(userId: string, token: { jti: string; exp: number }): Promise<void> {
    await this.users.query(
      `WITH expired AS (DELETE FROM revoked_tokens WHERE expires_at < now())
       INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, to_timestamp($3)) ON CONFLICT (jti) DO NOTHING`,
      [token.jti, userId, token.exp],
    );
    await this.actors.changed(userId);
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
    try {
      await this.create('system', { email: admin.email, name: 'Administrator', password: admin.password, role: 'admin' });
      this.logger.log(`created the admin ${admin.email}`);
    } catch (error) {
      // Another process starting at the same time created it first.
      if (!(error instanceof DomainError && error.code === ErrorCode.Duplicate)) throw error;
    }
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
