import { Module } from '@nestjs/common';
import { AssignableUsersController } from './assignable-users.controller';
import { AssignableUsersService } from './assignable-users.service';

@Module({ controllers: [AssignableUsersController], providers: [AssignableUsersService] })
export class UsersModule {}
