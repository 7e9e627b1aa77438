import { Module } from '@nestjs/common';
import { ActivationRepository } from '../auth/activation.repository';
import { SessionRepository } from '../auth/session.repository';
import { UsersModule } from '../users/users.module';
import { AdminAgenciesController } from './admin-agencies.controller';
import { AdminAgenciesService } from './admin-agencies.service';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';

/**
 * Administration of users and agencies. Neither admin role can read case content (the permission
 * catalogue says so), and nothing here touches cases.
 */
@Module({
  imports: [UsersModule],
  controllers: [AdminUsersController, AdminAgenciesController],
  providers: [AdminUsersService, AdminAgenciesService, ActivationRepository, SessionRepository],
})
export class AdminModule {}
