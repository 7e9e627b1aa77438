import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { CtmsRequest } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Takes a well-formed X-Request-Id from the caller or makes one; echoes it on the response. */
export function requestIdMiddleware(req: CtmsRequest, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const id = given && SAFE_ID.test(given) ? given : randomUUID();
  req.requestId = id;
  res.setHeader('X-Request-Id', id);
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
