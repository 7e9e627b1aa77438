import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { LANGUAGES, MFA_CODE_DIGITS, MFA_CODE_PATTERN, type Language } from '@ctms/domain';

export class LoginDto {
  @ApiProperty({ example: 'atd.caseworker' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  username: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class LogoutDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class UpdateMeDto {
  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  language: Language;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ description: 'at least 12 characters; common passwords are refused' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  newPassword: string;
}

export class MfaLoginDto {
  @ApiProperty({ description: 'the challenge login answered (good for 5 minutes)' })
  @IsString()
  @MinLength(20)
  @MaxLength(2048)
  mfaToken: string;

  @ApiProperty({ example: '123456', description: 'the code the authenticator app shows now' })
  @IsString()
  @Matches(MFA_CODE_PATTERN, { message: `must be ${MFA_CODE_DIGITS} digits` })
  code: string;
}

export class MfaSetupDto {
  @ApiProperty({ description: 'asked again before a second factor is set up' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;
}

export class MfaEnableDto {
  @ApiProperty({ example: '123456', description: 'a code from the secret being set up' })
  @IsString()
  @Matches(MFA_CODE_PATTERN, { message: `must be ${MFA_CODE_DIGITS} digits` })
  code: string;
}
