import { createHmac } from 'node:crypto';

/**
 * Every token the API signs names who issued it, for whom, and what it is (ASVS 9.2.2, 9.2.3):
 * `iss` and `aud` are fixed, `typ` is one of the kinds below, and each kind is signed with its own
 * key derived from JWT_SECRET, so a token of one kind can never pass as another, whatever claims
 * it carries. Verification checks all three (and the algorithm, HS256 only).
 */
export const TOKEN_ISSUER = 'ctms';
export const TOKEN_AUDIENCE = 'ctms-api';
export const TOKEN_TYPES = ['access', 'refresh', 'mfa'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** The signing key of one kind of token. The access token keeps JWT_SECRET itself. */
export function tokenKey(jwtSecret: string, typ: TokenType): string {
  if (typ === 'access') return jwtSecret;
  const label = typ === 'mfa' ? 'ctms mfa challenge v1' : 'ctms refresh token v1';
  return createHmac('sha256', jwtSecret).update(label).digest('base64url');
}

export const SIGN_OPTIONS = { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE } as const;
export const VERIFY_OPTIONS = { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE } as const;
