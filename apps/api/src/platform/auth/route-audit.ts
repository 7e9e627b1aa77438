import { INestApplication, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { isPermission } from '@ctms/domain';
import { PERMISSION_KEY, PUBLIC_KEY } from './decorators';

export interface RouteAccess {
  controller: string;
  handler: string;
  method: string;
  path: string;
  public: boolean;
  permission: string | null;
}

/** Every route handler of the application with what it declares: @Public() or a catalogue permission. */
export function listRoutes(app: INestApplication): RouteAccess[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const out: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || !wrapper.metatype) continue;
    const proto = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = (proto as Record<string, unknown>)[name] as (...a: unknown[]) => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const targets = [handler, wrapper.metatype];
      const permission = reflector.getAllAndOverride<string | undefined>(PERMISSION_KEY, targets) ?? null;
      out.push({
        controller: String(wrapper.name),
        handler: name,
        method: RequestMethod[method],
        path: `${(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string) ?? ''}/${path}`,
        public: !!reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets),
        permission,
      });
    }
  }
  return out;
}

/** A route without a permission does not start: the server refuses to boot. */
export function assertEveryRouteDeclaresAccess(app: INestApplication): void {
  const bad = listRoutes(app).filter((r) => !r.public && !isPermission(r.permission));
  if (bad.length) {
    throw new Error(
      `routes without @Public() or a catalogue permission: ${bad.map((r) => `${r.controller}.${r.handler}`).join(', ')}`,
    );
  }
}
