import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { CtmsRequest } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request id is always the server's own (a UUID), in the response's X-Request-Id, the error
 * body, the logs and the audit trail. A caller's X-Request-Id is never adopted: a well-formed one
 * (≤ 64 characters of [A-Za-z0-9._-]) is kept apart as `clientRequestId` for the logs only.
 */
export function requestIdMiddleware(req: CtmsRequest, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  if (given && SAFE_ID.test(given)) req.clientRequestId = given;
  req.requestId = randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
}

/** Responses under /api/v1 are never stored by browsers or proxies (reference data excepted). */
export function noStoreMiddleware(req: CtmsRequest, res: Response, next: NextFunction): void {
  if (req.path.startsWith('/api/v1/reference/')) res.setHeader('Cache-Control', 'private, max-age=300');
  else if (req.path.startsWith('/api/')) {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
  }
  next();
}
