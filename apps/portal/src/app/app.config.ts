import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { provideTranslations } from '@ctms/ui';
import { appRoutes } from './app.routes';
import { AuthService } from './core/auth/auth.service';
import { authInterceptor } from './core/http/auth.interceptor';
import { swBypassInterceptor } from './core/http/sw-bypass.interceptor';
import { CORE_WORDS } from './core/i18n/dictionaries';
import { navProgressInterceptor } from './core/layout/nav-progress';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([navProgressInterceptor, swBypassInterceptor, authInterceptor])),
    // the words of every page (the lazy routes register their own chunks)
    provideTranslations(CORE_WORDS),
    provideRouter(appRoutes, withComponentInputBinding()),
    // a reload inside the tab restores the session (from this tab's sessionStorage) before the first route
    provideAppInitializer(() => inject(AuthService).restore()),
    // the app shell and every lazy chunk from the device, so a reload works offline; never an API
    // answer (ngsw-config.json has no data groups; decision 0019). Registered once the app is idle.
    provideServiceWorker('ngsw-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerWhenStable:10000' }),
  ],
};
