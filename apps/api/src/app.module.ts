import { Module, RequestMethod } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditViewModule } from './audit/audit.controller';
import { StatsModule } from './stats/stats.module';
import { AuthModule } from './auth/auth.module';
import { CaseloadModule } from './caseload/caseload.module';
import { CasesModule } from './cases/cases.module';
import { ConsentsModule } from './consents/consents.module';
import { ExportsModule } from './exports/exports.module';
import { FollowUpModule } from './follow-up/follow-up.module';
import { PersonsModule } from './persons/persons.module';
import { ScreeningsModule } from './screenings/screenings.module';
import { HandoffsModule } from './handoffs/handoffs.module';
import { HealthModule } from './health/health.controller';
import { NotificationsModule } from './notifications/notifications.module';
import { AuditModule } from './platform/audit/audit.module';
import { AccessModule } from './platform/access/access.module';
import { MatchRequestsModule } from './match-requests/match-requests.module';
import { CryptoModule } from './platform/crypto/crypto.module';
import { AuthPlatformModule } from './platform/auth/auth-platform.module';
import { APP_CONFIG, AppConfig } from './platform/config/config';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { CtmsRequest } from './platform/http/request-context';
import { OutboxModule } from './platform/outbox/outbox.module';
import { QueueModule } from './platform/queue/queue.module';
import { QueueDashboardModule } from './platform/queue/queue-dashboard';
import { ReferenceModule } from './reference/reference.module';
import { ReferralsModule } from './referrals/referrals.module';
import { TransfersModule } from './transfers/transfers.module';
import { PlansModule } from './plans/plans.module';
import { FamilyTracingModule } from './family-tracing/family-tracing.module';
import { SlaSettingsModule } from './sla/sla-settings.module';
import { UsersModule } from './users/users.module';

/** Structured logs: method, path (never the query string), status, time, request id. No bodies, no headers. */
export const LoggingModule = LoggerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req) => (req as unknown as CtmsRequest).requestId ?? 'unknown',
      // the caller's own X-Request-Id, checked for length and characters, beside (never instead of) ours
      customProps: (req) => {
        const given = (req as unknown as CtmsRequest).clientRequestId;
        return given ? { clientRequestId: given } : {};
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    },
  }),
});

export const PLATFORM_MODULES = [
  ConfigModule,
  LoggingModule,
  DatabaseModule,
  QueueModule,
  AuditModule,
  AccessModule,
  CryptoModule,
  OutboxModule,
];

@Module({
  imports: [
    ...PLATFORM_MODULES,
    DiscoveryModule,
    AuthPlatformModule,
    AuthModule,
    ReferenceModule,
    AdminModule,
    HealthModule,
    PersonsModule,
    ScreeningsModule,
    CasesModule,
    CaseloadModule,
    ConsentsModule,
    ReferralsModule,
    HandoffsModule,
    AttachmentsModule,
    NotificationsModule,
    ExportsModule,
    QueueDashboardModule,
    AuditViewModule,
    UsersModule,
    StatsModule,
    MatchRequestsModule,
    TransfersModule,
    FamilyTracingModule,
    SlaSettingsModule,
    PlansModule,
    FollowUpModule,
  ],
})
export class AppModule {}
