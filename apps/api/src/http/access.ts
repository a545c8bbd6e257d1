import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { TokenClaims } from '@depositary/auth';
import type { Actor, Permission } from '@depositary/domain';

export const PERMISSION_KEY = 'depositary:permission';
export const PUBLIC_KEY = 'depositary:public';

/** Every route declares who may call it: a permission, or Public. The guard refuses anything else. */
export const RequirePermission = (permission: Permission): MethodDecorator => SetMetadata(PERMISSION_KEY, permission);
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ actor: Actor }>().actor;
});

/** The claims of the bearer token of this request, as the guard verified them. */
export const CurrentToken = createParamDecorator((_: unknown, context: ExecutionContext): TokenClaims => {
  return context.switchToHttp().getRequest<{ token: TokenClaims }>().token;
});
