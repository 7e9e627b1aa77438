import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

/*
 * The build loads the full stylesheet as `media="print" onload="this.media='all'"` so that the splash
 * paints before it arrives (decision 0019). The CSP lets exactly that handler run; a browser without
 * CSP `'unsafe-hashes'` refuses it, so the stylesheet is switched on here as well, before the app
 * renders anything of its own.
 */
for (const link of Array.from(
  document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"][media="print"][onload]'),
)) {
  link.removeAttribute('onload');
  link.media = 'all';
}

bootstrapApplication(App, appConfig).catch((err) => console.error(err));
