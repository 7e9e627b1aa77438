import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ACTIVATION_TOKEN_PATTERN, LANGUAGES, MFA_CODE_DIGITS, MFA_CODE_PATTERN, type Language } from '@ctms/domain';

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
  @MaxLength(1024)
  refreshToken: string;
}

/** Logout ends the session the access token names; a refresh token sent along is accepted and ignored. */
export class LogoutDto {
  @ApiPropertyOptional({ description: 'ignored: the access token names the session that ends' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  refreshToken?: string;
}

export class ActivationStartDto {
  @ApiProperty({ description: 'the token from the activation link (its fragment)' })
  @IsString()
  @Matches(ACTIVATION_TOKEN_PATTERN, { message: 'must be the token from the activation link' })
  token: string;
}

export class ActivationCompleteDto extends ActivationStartDto {
  @ApiProperty({
    description: 'at least 12 characters; common passwords, one’s own name and the replaced password are refused',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  newPassword: string;

  @ApiPropertyOptional({ example: '123456', description: 'where MFA is enrolled or kept: the code the app shows now' })
  @IsOptional()
  @IsString()
  @Matches(MFA_CODE_PATTERN, { message: `must be ${MFA_CODE_DIGITS} digits` })
  code?: string;
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
