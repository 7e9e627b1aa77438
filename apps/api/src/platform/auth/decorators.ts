import { SetMetadata, applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Permission } from '@ctms/domain';
import { contextOf, CtmsRequest, RequestContext } from '../http/request-context';

export const PUBLIC_KEY = 'ctms:public';
export const PERMISSION_KEY = 'ctms:permission';

/** The only way for a route to skip authentication. Use it sparingly: login, refresh, health. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Every non-public route declares the one catalogue permission it needs. */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(SetMetadata(PERMISSION_KEY, permission), ApiBearerAuth());

/** The request context (actor, request id, source IP) as the first argument of service calls. */
export const Ctx = createParamDecorator(
  (_: unknown, host: ExecutionContext): RequestContext => contextOf(host.switchToHttp().getRequest<CtmsRequest>()),
);
