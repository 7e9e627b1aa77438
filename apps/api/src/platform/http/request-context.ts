import { UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { AgencyCapability, Role } from '@ctms/domain';

/** Who is calling, as established by the authentication guard from the token and the database. */
export interface Actor {
  userId: string;
  username: string;
  agencyId: string;
  agencyCode: string;
  /** what the actor's agency does (SCREEN, FORMAL_IDENTIFICATION …): the capability rule reads it */
  capabilities: AgencyCapability[];
  roles: Role[];
  allProvinces: boolean;
  provinces: string[];
  /** the login session (refresh-token family) the request's access token belongs to */
  sessionId?: string;
}

/** What every service method receives first: the actor (if any) and the request's identity. */
export interface RequestContext {
  actor: Actor | null;
  /** always the server's own id (a client's X-Request-Id is never adopted) */
  requestId: string;
  sourceIp: string | null;
  /** the browser's device cookie (DEVICE_COOKIE), a hint for the credential throttle; never an authenticator */
  device?: string | null;
}

export interface CtmsRequest extends Request {
  requestId?: string;
  /** the caller's own X-Request-Id, length- and character-limited, kept apart for the logs only */
  clientRequestId?: string;
  actor?: Actor;
}

/** The cookie that marks a browser a user has signed in from (decision 0011). */
export const DEVICE_COOKIE = 'ctms_device';
const DEVICE_RE = new RegExp(`(?:^|;\\s*)${DEVICE_COOKIE}=([A-Za-z0-9_-]{22})(?:;|$)`);

export function deviceOf(req: Request): string | null {
  const header = req.headers?.cookie;
  return typeof header === 'string' ? (DEVICE_RE.exec(header)?.[1] ?? null) : null;
}

export function contextOf(req: CtmsRequest): RequestContext {
  return {
    actor: req.actor ?? null,
    requestId: req.requestId ?? 'unknown',
    sourceIp: req.ip ?? null,
    device: deviceOf(req),
  };
}

/** The signed-in caller of a route behind the JWT guard; a route without one is a 401 (never reached in practice). */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new UnauthorizedException();
  return ctx.actor;
}
