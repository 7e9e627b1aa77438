import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NextFunction, Request, Response } from 'express';
import { AccessTokenClaims, JwtStrategy } from '../auth/jwt.strategy';
import { tokenKey, VERIFY_OPTIONS } from '../auth/token-claims';
import { APP_CONFIG, AppConfig } from '../config/config';
import { cookieValue } from '../queue/queue-dashboard';
import type { CtmsRequest } from './request-context';

export const API_DOCS_PATHS = ['/api/docs', '/api/docs-json'];
const COOKIE = 'ctms_docs';

/**
 * The OpenAPI document and its page are for signed-in users only (API_DOCS=signed-in, the default)
 * or not served at all (API_DOCS=off). Checked exactly as the API checks a bearer token (signature,
 * iss/aud/typ, expiry, then the user and session re-read); anyone else gets the standard 404. As
 * for the queue dashboard, a first request with the bearer header sets an HttpOnly, SameSite=Strict
 * cookie for /api/docs so that the page itself can load in a browser tab.
 */
export function apiDocsGate(app: INestApplication) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const deny = () => {
      res.status(404).json({
        statusCode: 404,
        error: 'Not Found',
        message: 'Not found',
        requestId: (req as CtmsRequest).requestId ?? 'unknown',
      });
    };
    const header = req.headers.authorization;
    const bearer = typeof header === 'string' && /^Bearer [A-Za-z0-9._-]+$/.test(header) ? header.slice(7) : null;
    const token = bearer ?? cookieValue(req, COOKIE);
    if (!token) return deny();
    try {
      const config = app.get<AppConfig>(APP_CONFIG, { strict: false });
      const claims = await app.get(JwtService, { strict: false }).verifyAsync<AccessTokenClaims>(token, {
        secret: tokenKey(config.jwtSecret, 'access'),
        ...VERIFY_OPTIONS,
        algorithms: [...VERIFY_OPTIONS.algorithms],
      });
      await app.get(JwtStrategy, { strict: false }).validate(claims);
      if (bearer) {
        res.cookie(COOKIE, bearer, {
          httpOnly: true,
          sameSite: 'strict',
          secure: config.env === 'production',
          path: '/api/docs',
          maxAge: config.accessTokenTtlSeconds * 1000,
        });
      }
    } catch {
      return deny();
    }
    next();
  };
}
