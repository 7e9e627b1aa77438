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
  requestId: string;
  sourceIp: string | null;
}

export interface CtmsRequest extends Request {
  requestId?: string;
  actor?: Actor;
}

export function contextOf(req: CtmsRequest): RequestContext {
  return { actor: req.actor ?? null, requestId: req.requestId ?? 'unknown', sourceIp: req.ip ?? null };
}
