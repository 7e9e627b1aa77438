import { Module } from '@nestjs/common';
import { AgencyRepository } from '../agencies/agency.repository';
import { AssignableUsersController } from './assignable-users.controller';
import { AssignableUsersService } from './assignable-users.service';
import { UserRepository } from './user.repository';

/** Users and agencies as records: their repositories serve the administration and sign-in. */
@Module({
  controllers: [AssignableUsersController],
  providers: [AssignableUsersService, UserRepository, AgencyRepository],
  exports: [UserRepository, AgencyRepository],
})
export class UsersModule {}
