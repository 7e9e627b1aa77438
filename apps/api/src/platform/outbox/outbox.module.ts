import { Global, Module } from '@nestjs/common';
import { OutboxHandlers } from './outbox-handlers';
import { OutboxService } from './outbox.service';

/**
 * The transactional outbox, for the API and the worker alike: `OutboxService.add(m, kind, payload)`
 * in the domain change's transaction; `OutboxHandlers.register(kind, handler)` for the worker.
 */
@Global()
@Module({ providers: [OutboxService, OutboxHandlers], exports: [OutboxService, OutboxHandlers] })
export class OutboxModule {}
