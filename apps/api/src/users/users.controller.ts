import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AccountView, UserView, UsersService } from '@depositary/auth';
import { accountViewSchema, userListSchema, userViewSchema } from '@depositary/contracts';
import { Actor, ROLES, countryCode } from '@depositary/domain';
import { LANGUAGES } from '@depositary/domain';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiAnswer, ApiErrors, ApiZodBody, Authenticated } from '../http/openapi';
import { ZodPipe } from '../http/zod.pipe';

const email = z
  .email('must be an e-mail address')
  .max(320)
  .refine((value) => !/[\r\n]/.test(value), 'must be one line');
const role = z.enum(ROLES, `must be one of ${ROLES.join(', ')}`);
const password = z.string().min(8, 'must be at least 8 characters').max(1024);
const language = z.enum(LANGUAGES, `must be one of ${LANGUAGES.join(', ')}`);
const newUser = z.strictObject({
  email,
  name: z.string().trim().min(1).max(200),
  password,
  role,
  country: countryCode.optional(),
  language: language.optional(),
});
const userChange = z
  .strictObject({
    active: z.boolean().optional(),
    role: role.optional(),
    country: countryCode.nullable().optional(),
    password: password.optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'give at least one of active, role, country, password');
const ownChange = z
  .strictObject({ language: language.optional(), password: password.optional(), currentPassword: z.string().min(1).max(1024).optional() })
  .refine((change) => change.language !== undefined || change.password !== undefined, 'give language or password')
  .refine((change) => change.password === undefined || change.currentPassword !== undefined, {
    path: ['currentPassword'],
    message: 'a new password needs the current one',
  });

@ApiTags('users')
@Authenticated()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @RequirePermission('users.manage')
  @ApiZodBody(newUser)
  @ApiAnswer(201, userViewSchema)
  @ApiErrors([409, 'a user with this e-mail address exists'])
  create(@CurrentActor() actor: Actor, @Body(new ZodPipe(newUser)) body: z.infer<typeof newUser>): Promise<UserView> {
    return this.users.create(actor, body);
  }

  @Get()
  @RequirePermission('users.manage')
  @ApiAnswer(200, userListSchema)
  async list(): Promise<{ items: UserView[]; nextCursor: null }> {
    return { items: await this.users.list(), nextCursor: null };
  }

  @Get('me')
  @RequirePermission('account.own')
  @ApiAnswer(200, accountViewSchema, "the signed-in user, with its language and its role's permissions")
  me(@CurrentActor() actor: Actor): Promise<AccountView> {
    return this.users.account(actor.id);
  }

  @Patch('me')
  @RequirePermission('account.own')
  @ApiZodBody(ownChange)
  @ApiAnswer(200, accountViewSchema, "the account as changed, with its language and its role's permissions")
  updateOwn(@CurrentActor() actor: Actor, @Body(new ZodPipe(ownChange)) body: z.infer<typeof ownChange>): Promise<AccountView> {
    return this.users.updateOwn(actor, body);
  }

  @Patch(':id')
  @RequirePermission('users.manage')
  @ApiZodBody(userChange)
  @ApiAnswer(200, userViewSchema)
  @ApiErrors([409, 'the last active admin cannot lose its role or be deactivated'])
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(userChange)) body: z.infer<typeof userChange>,
  ): Promise<UserView> {
    return this.users.update(actor, id, body);
  }
}
