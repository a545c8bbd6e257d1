import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PERMISSIONS } from '@depositary/domain';
import { API_CONTROLLERS } from '../../apps/api/src/api.module';
import { PERMISSION_KEY, PUBLIC_KEY } from '../../apps/api/src/http/access';

/** Every route declares who may call it (a permission from the domain table, or Public); the guard refuses the rest. */
describe('route permissions', () => {
  const routes = API_CONTROLLERS.flatMap((controller) => {
    const prototype = controller.prototype as unknown as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, prototype[name] as object) !== undefined)
      .map((name) => {
        const handler = prototype[name] as object;
        return {
          route: `${controller.name}.${name} ${String(Reflect.getMetadata(PATH_METADATA, controller))}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`,
          permission: Reflect.getMetadata(PERMISSION_KEY, handler) as string | undefined,
          isPublic: Reflect.getMetadata(PUBLIC_KEY, handler) === true || Reflect.getMetadata(PUBLIC_KEY, controller) === true,
        };
      });
  });

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it.each(routes)('$route declares a known permission or is public', ({ permission, isPublic }) => {
    expect(isPublic || (permission !== undefined && (PERMISSIONS as readonly string[]).includes(permission))).toBe(true);
  });

  it('only sign-in, health (readiness and liveness), metrics and the /public reads are public', () => {
    expect(
      routes
        .filter((route) => route.isPublic)
        .map((route) => route.route.split(' ')[0])
        .sort(),
    ).toEqual([
      'AuthController.token',
      'HealthController.health',
      'HealthController.live',
      'HealthController.metrics',
      'PublicController.list',
      'PublicController.notificationsAtom',
      'PublicController.notificationsList',
      'PublicController.page',
      'PublicController.read',
    ]);
  });
});
