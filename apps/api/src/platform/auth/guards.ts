import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { hasPermission, isPermission, Permission, permittedInHold } from '@ctms/domain';
import { AuditService } from '../audit/audit.service';
import { NotFound } from '../http/errors';
import { contextOf, CtmsRequest } from '../http/request-context';
import { PERMISSION_KEY, PUBLIC_KEY } from './decorators';
import type { AuthenticatedUser } from './jwt.strategy';

/** Global: every route needs a valid access token unless it is explicitly @Public(). */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw new UnauthorizedException();
    return user;
  }
}

/**
 * Global, after authentication: the route's declared permission must be in the caller's roles.
 * A route that declares none is refused (deny by default). Denials are audited.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<CtmsRequest & { user?: AuthenticatedUser }>();
    const user = req.user;
    if (!user) throw new UnauthorizedException();
    const { mustChangePassword, mfaSetupRequired, ...actor } = user;
    req.actor = actor;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    const allowed =
      isPermission(permission) &&
      hasPermission(actor, permission) &&
      // after an admin reset, or while required MFA is not set up, only the profile (to do that) is open
      permittedInHold(user, permission);
    if (!allowed) {
      const routePath = String((req.route as { path?: string } | undefined)?.path ?? '');
      await this.audit.record(contextOf(req), {
        action: 'PERMISSION_DENIED',
        outcome: 'DENIED',
        details: {
          permission: permission ?? null,
          route: `${req.method} ${routePath}`,
          mustChangePassword: !!mustChangePassword,
          mfaSetupRequired: !!mfaSetupRequired,
        },
      });
      // a route that addresses one record answers a denial exactly as it answers a missing id
      if (/\/:[A-Za-z]+/.test(routePath)) throw new NotFound();
      throw new ForbiddenException('You do not have permission to do this');
    }
    return true;
  }
}
