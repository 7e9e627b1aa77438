import { inject } from '@angular/core';
import { type CanActivateChildFn, type CanActivateFn, Router } from '@angular/router';
import type { Permission } from '@ctms/domain';
import { AuthService } from './auth.service';

/** Signed-in users only; everyone else goes to the login page. */
export const authGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  return auth.isAuthenticated() ? true : inject(Router).parseUrl('/login');
};

/** The login page is for signed-out users; a signed-in user goes home. */
export const guestGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  return auth.isAuthenticated() ? inject(Router).parseUrl('/') : true;
};

/** A route that needs a permission from the catalogue: without it, home (signed out: login). */
export function permissionGuard(permission: Permission): CanActivateFn {
  return () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if (!auth.isAuthenticated()) return router.parseUrl('/login');
    return auth.can(permission) ? true : router.parseUrl('/');
  };
}

/**
 * With a temporary password, or while a required MFA is not set up, every page but the profile
 * (where both are done) leads to the profile.
 */
export const profileFirstGuard: CanActivateChildFn = (_route, state) => {
  const auth = inject(AuthService);
  if (!auth.profileOnly() || state.url.split(/[?#]/)[0] === '/profile') return true;
  return inject(Router).parseUrl('/profile');
};
