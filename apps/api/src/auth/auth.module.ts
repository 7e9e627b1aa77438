import { Module } from '@nestjs/common';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { MeService } from './me.service';

@Module({ controllers: [AuthController, MeController], providers: [AuthService, MeService] })
export class AuthModule {}
