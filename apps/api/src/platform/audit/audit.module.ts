import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditService } from './audit.service';
import { DenialAuditInterceptor } from './denial-audit';

@Global()
@Module({
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: DenialAuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
