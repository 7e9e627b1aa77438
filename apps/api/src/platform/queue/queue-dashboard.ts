import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import type { Express, NextFunction, Request, Response } from 'express';
import { hasPermission, permittedInHold } from '@ctms/domain';
import { AuditService } from '../audit/audit.service';
import { AccessTokenClaims, JwtStrategy } from '../auth/jwt.strategy';
import { tokenKey, VERIFY_OPTIONS } from '../auth/token-claims';
import { APP_CONFIG, AppConfig } from '../config/config';
import { contextOf, CtmsRequest } from '../http/request-context';
import { EVENTS_QUEUE, redisConnection } from './queue.module';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';
/** The queues the dashboard shows (the maintenance queue is declared in sla/maintenance.ts). */
export const DASHBOARD_QUEUES = [EVENTS_QUEUE, 'maintenance'];
const COOKIE = 'ctms_queues';

export function cookieValue(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

/**
 * bull-board at /api/admin/queues, for holders of `system:queues` (SYSTEM_ADMIN) only. bull-board
 * is an Express router outside Nest's guards, so this middleware checks the caller exactly as the
 * API does: the access token's signature and expiry (JwtService), then JwtStrategy.validate (the
 * user re-read: active, same authorisation version, session not revoked), then the permission.
 * Anyone else gets the API's standard 404, byte for byte.
 *
 * A browser cannot put a bearer header on a page load, so the portal first calls the dashboard with
 * its access token (fetch with the Authorization header); the answer sets a cookie holding that
 * token, HttpOnly, SameSite=Strict, Path=/api/admin/queues, living as long as an access token; the
 * portal then opens the page, and every request of the page is checked the same way. Job payloads
 * hold ids only, so the dashboard shows no personal data.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('QueueDashboard');
  private readonly queues: Queue[] = [];
  private strategy: JwtStrategy | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly jwt: JwtService,
    private readonly moduleRef: ModuleRef,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return; // no HTTP server (the worker): no dashboard
    // the API's own strategy instance (AuthPlatformModule), not a second registration with passport
    this.strategy = this.moduleRef.get(JwtStrategy, { strict: false });
    const connection = redisConnection(this.config.redisUrl);
    for (const name of DASHBOARD_QUEUES) {
      const q = new Queue(name, { connection, prefix: this.config.queuePrefix });
      q.on('error', () => undefined);
      this.queues.push(q);
    }
    const server = new ExpressAdapter();
    server.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q)),
      serverAdapter: server,
      options: { uiConfig: { boardTitle: 'CTMS queues' } },
    });
    const app = adapter.getInstance<Express>();
    app.use(
      QUEUE_DASHBOARD_PATH,
      (req: Request, res: Response, next: NextFunction) => void this.gate(req, res, next),
      server.getRouter() as Express,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
  }

  /** Lets a system admin through; answers everyone else with the standard 404. */
  async gate(req: Request, res: Response, next: NextFunction): Promise<void> {
    const header = req.headers.authorization;
    const bearer = typeof header === 'string' && /^Bearer [A-Za-z0-9._-]+$/.test(header) ? header.slice(7) : null;
    const token = bearer ?? cookieValue(req, COOKIE);
    const ctmsReq = req as CtmsRequest;
    const deny = () => {
      res
        .status(404)
        .json({ statusCode: 404, error: 'Not Found', message: 'Not found', requestId: ctmsReq.requestId ?? 'unknown' });
    };
    const strategy = this.strategy;
    if (!token || !strategy) return deny();
    let actor: Awaited<ReturnType<JwtStrategy['validate']>>;
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        secret: tokenKey(this.config.jwtSecret, 'access'),
        ...VERIFY_OPTIONS,
        algorithms: [...VERIFY_OPTIONS.algorithms],
      });
      actor = await strategy.validate(claims);
    } catch {
      return deny();
    }
    const { mustChangePassword, mfaSetupRequired, ...who } = actor;
    if (!hasPermission(who, 'system:queues') || !permittedInHold(actor, 'system:queues')) {
      ctmsReq.actor = who;
      await this.audit
        .record(contextOf(ctmsReq), {
          action: 'PERMISSION_DENIED',
          outcome: 'DENIED',
          details: {
            permission: 'system:queues',
            route: `${req.method} ${QUEUE_DASHBOARD_PATH}`,
            mustChangePassword,
            mfaSetupRequired,
          },
        })
        .catch(() => this.logger.warn('could not audit a dashboard denial'));
      return deny();
    }
    if (bearer) {
      res.cookie(COOKIE, bearer, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.env === 'production',
        path: QUEUE_DASHBOARD_PATH,
        maxAge: this.config.accessTokenTtlSeconds * 1000,
      });
    }
    // bull-board's page loads its own scripts and styles from its static path
    res.removeHeader('Cache-Control');
    next();
  }
}

@Module({ providers: [QueueDashboard] })
export class QueueDashboardModule {}
