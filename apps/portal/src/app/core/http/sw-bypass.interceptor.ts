import type { HttpInterceptorFn } from '@angular/common/http';

/**
 * The API's calls go straight to the network, past the service worker (decision 0019): it never
 * sees, and so can never cache, an API answer, and a call with the link down fails as a network
 * error (status 0, which the autosave and the offline reload recognise) rather than as the
 * worker's own 504.
 */
export const swBypassInterceptor: HttpInterceptorFn = (req, next) =>
  req.url.startsWith('/api/') ? next(req.clone({ setHeaders: { 'ngsw-bypass': 'true' } })) : next(req);
