import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuthenticationGuard, PermissionGuard } from './guards';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { UserRepository } from '../../users/user.repository';

/** Deny by default: both guards are global, in this order (authenticate, then authorise). */
@Global()
@Module({
  imports: [PassportModule, JwtModule.register({})],
  providers: [
    JwtStrategy,
    UserRepository,
    PasswordHasher,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: PermissionGuard },
  ],
  exports: [JwtModule, PasswordHasher],
})
export class AuthPlatformModule {}
