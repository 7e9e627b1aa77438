import {
  CallHandler,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import type { AuditAction } from '@ctms/domain';
import { Conflict, isAudited, markAudited, NotFound, RefusedId } from '../http/errors';
import { contextOf, CtmsRequest } from '../http/request-context';
import { AuditService } from './audit.service';

export const AUDIT_AS_KEY = 'ctms:audit-as';

export interface AuditAsMeta {
  action: AuditAction;
  /** the kind of record the route's `:id` (or `:caseId` …) names */
  objectType: string;
}

/**
 * What a refusal on this route is audited as: the route's action and the kind of record its path
 * id names. A route without it is audited as REQUEST_DENIED.
 */
export const AuditAs = (action: AuditAction, objectType: string) =>
  SetMetadata(AUDIT_AS_KEY, { action, objectType } satisfies AuditAsMeta);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refusal: a record not found (or not yours), a refused action (409), a forbidden route, an id the access layer refused. */
export function isDenial(e: unknown): e is NotFound | Conflict | ForbiddenException | RefusedId {
  return e instanceof NotFound || e instanceof Conflict || e instanceof ForbiddenException || e instanceof RefusedId;
}

/**
 * Every denial on every route leaves exactly one DENIED audit row (docs/quality.md "Denials are audited"): whatever a
 * handler, a pipe or the access layer refused, this writes the row after the handler's transaction
 * has rolled back, so the row survives it. Code that audits a refusal itself (knowing more than
 * the route does) marks the exception with `markAudited` and is left alone. Guards audit their own
 * refusals (PERMISSION_DENIED): they run before interceptors.
 */
@Injectable()
export class DenialAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next
      .handle()
      .pipe(catchError((e: unknown) => from(this.record(context, e)).pipe(mergeMap(() => throwError(() => e)))));
  }

  private async record(context: ExecutionContext, e: unknown): Promise<void> {
    if (!isDenial(e) || isAudited(e)) return;
    markAudited(e);
    const req = context.switchToHttp().getRequest<CtmsRequest>();
    const meta = this.reflector.getAllAndOverride<AuditAsMeta | undefined>(AUDIT_AS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    const pathId = Object.values(params).find((v) => typeof v === 'string');
    const objectId = pathId !== undefined && UUID.test(pathId) ? pathId.toLowerCase() : null;
    const reason =
      e instanceof Conflict
        ? e.code
        : e instanceof NotFound
          ? 'NOT_FOUND'
          : e instanceof RefusedId
            ? 'REFUSED_ID'
            : 'FORBIDDEN';
    const details: Record<string, unknown> = {
      route: `${req.method} ${String((req.route as { path?: string } | undefined)?.path ?? '')}`,
    };
    if (pathId !== undefined && objectId === null) details['malformedId'] = true;
    if (e instanceof RefusedId) details['fields'] = e.details.map((d) => d.field);
    if (e instanceof Conflict && e.details) details['problems'] = e.details.map((d) => d.field);
    if (e instanceof Conflict && e.auditDetails) Object.assign(details, e.auditDetails);
    await this.audit.record(contextOf(req), {
      action: meta?.action ?? 'REQUEST_DENIED',
      outcome: 'DENIED',
      objectType: meta?.objectType ?? null,
      objectId,
      reason,
      details,
    });
  }
}
