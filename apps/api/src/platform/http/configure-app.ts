import { INestApplication, ValidationPipe, VersioningType } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/config';
import { API_DOCS_PATHS, apiDocsGate } from './api-docs';
import { ErrorFilter, validationExceptionFactory } from './errors';
import { InputHygienePipe } from './input-hygiene';
import { noStoreMiddleware, requestIdMiddleware } from './request-id';

/**
 * The one inline event handler the portal's index.html carries: the build inlines the CSS the splash
 * needs and loads the full stylesheet as `media="print" onload="this.media='all'"`, so that the first
 * paint waits for no stylesheet on a slow link (decision 0019). `'unsafe-hashes'` with this hash lets
 * exactly that handler text run, no other inline handler or script; main.ts applies the stylesheet
 * itself in a browser that does not know `'unsafe-hashes'`.
 */
export const STYLESHEET_ONLOAD_HASH = "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='";

/** The service worker and its manifest: always revalidated, or an update would wait for the HTTP cache (decision 0019). */
const SERVICE_WORKER_FILES_RE = /(^|\/)(ngsw-worker\.js|ngsw\.json|safety-worker\.js|worker-basic\.min\.js)$/;

/** A file the portal build names by its content hash (chunk-2JTRDM52.js, main-…js, styles-…css, media/…-HASH.woff2). */
const HASHED_ASSET_RE = /[-.][A-Z0-9]{8}\.(js|css|woff2?|ttf|svg|png)$/;

/** The OpenAPI document, generated from the controllers and DTOs (served at /api/docs-json, walked by the fuzz suite). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lao counter-trafficking case management API')
      .setDescription(
        'REST + JSON under /api/v1. Every route but login, the MFA step, refresh, account activation and health needs a bearer token and a permission.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/**
 * Everything that makes a Nest application ours: used by main.ts and by every integration test,
 * so the tests exercise the same pipes, filters and headers as production.
 */
export function configureApp(app: INestApplication, opts: { portalDir?: string | null } = {}): void {
  const ex = app as NestExpressApplication;
  ex.set('trust proxy', 'loopback');
  ex.disable('x-powered-by');
  // flat query strings: `?a[b][c]=` is a key named "a[b][c]", never a nested object (decision 0012)
  ex.set('query parser', 'simple');
  // JSON only as the API speaks it (objects and arrays, 1 MB); forms flat (no qs nesting), 100 kB, 100
  // fields. Registered here, before our middleware, so that Nest does not add its own defaults later.
  ex.useBodyParser('json', { limit: '1mb' });
  ex.useBodyParser('urlencoded', { extended: false, limit: '100kb', parameterLimit: 100 });
  app.use(requestIdMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Angular inlines critical CSS; no scripts from anywhere else
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          // inline event handlers: only the stylesheet's `onload`, by its hash (helmet's default is 'none')
          scriptSrcAttr: ["'unsafe-hashes'", STYLESHEET_ONLOAD_HASH],
          // the portal's service worker, from the portal's own origin only
          workerSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(noStoreMiddleware);
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(
    // first: depth, NUL bytes, lone surrogates and prototype keys, before anything recursive runs
    new InputHygienePipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      stopAtFirstError: false,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();

  // the OpenAPI document: signed-in users only (API_DOCS=signed-in), or not served at all (off)
  const config = app.get<AppConfig>(APP_CONFIG, { strict: false });
  if (config.apiDocs === 'off') return servePortal(ex, opts.portalDir);
  ex.use(API_DOCS_PATHS, apiDocsGate(app));
  const doc = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc, {
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: { persistAuthorization: false },
  });
  servePortal(ex, opts.portalDir);
}

function servePortal(ex: NestExpressApplication, portal: string | null | undefined): void {
  if (portal && existsSync(join(portal, 'index.html'))) {
    // the portal's files are public and the same for everyone: gzip them (459 KiB of initial JS is
    // 123 KiB on the wire, which is what a provincial mobile link waits for). API answers are not
    // compressed: they carry tokens and personal data next to text a caller chose (BREACH).
    ex.use(
      compression({
        filter: (req: express.Request, res: express.Response) =>
          !req.path.startsWith('/api') && compression.filter(req, res),
      }),
    );
    ex.use(
      express.static(portal, {
        index: false,
        maxAge: '1h',
        setHeaders: (res, path) => {
          if (path.endsWith('index.html') || SERVICE_WORKER_FILES_RE.test(path))
            res.setHeader('Cache-Control', 'no-cache');
          // the build names scripts, styles and fonts by their content: they never change
          else if (HASHED_ASSET_RE.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    // the single-page app answers every non-API GET
    ex.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(portal, 'index.html'));
    });
  }
}
