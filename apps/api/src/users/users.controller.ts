import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UserView, UsersService } from '@depositary/auth';
import { ROLES, countryCode } from '@depositary/domain';
import { z } from 'zod';
import { RequirePermission } from '../http/access';
import { ApiZodBody, Authenticated } from '../http/openapi';
import { ZodPipe } from '../http/zod.pipe';

const email = z
  .email('must be an e-mail address')
  .max(320)
  .refine((value) => !/[\r\n]/.test(value), 'must be one line');
const role = z.enum(ROLES, `must be one of ${ROLES.join(', ')}`);
const newUser = z.strictObject({
  email,
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'must be at least 8 characters').max(1024),
  role,
  country: countryCode.optional(),
});
const userChange = z
  .strictObject({ active: z.boolean().optional(), role: role.optional(), country: countryCode.nullable().optional() })
  .refine((change) => Object.keys(change).length > 0, 'give at least one of active, role, country');

@ApiTags('users')
@Authenticated()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @RequirePermission('users.manage')
  @ApiZodBody(newUser)
  create(@Body(new ZodPipe(newUser)) body: z.infer<typeof newUser>): Promise<UserView> {
    return this.users.create(body);
  }

  @Get()
  @RequirePermission('users.manage')
  async list(): Promise<{ items: UserView[]; nextCursor: null }> {
    return { items: await this.users.list(), nextCursor: null };
  }

  @Patch(':id')
  @RequirePermission('users.manage')
  @ApiZodBody(userChange)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodPipe(userChange)) body: z.infer<typeof userChange>): Promise<UserView> {
    return this.users.update(id, body);
  }
}
