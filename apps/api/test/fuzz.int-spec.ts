import { hasPermission, isPermission, SEED_DEMO_USERS, seedUserSubject } from '@ctms/domain';
import { appendFileSync, writeFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { tinyPng } from '../src/attachments/testing/image-fixtures';
import { listRoutes } from '../src/platform/auth/route-audit';
import { buildOpenApiDocument } from '../src/platform/http/configure-app';
import { startStack, TestStack } from './harness';
import { todayInLaos } from '@ctms/domain';
import { buildWorld, daysAgo, screeningBody, World, WORLD_USERS } from './world';

/**
 * Walks EVERY operation of the OpenAPI document the application generates (decision 0012), signed in
 * as the role the route is for (and, with fewer probes, as no role and three others), with: the plain body, a NUL byte and
 * a lone surrogate in each string field, wrong types, huge strings and arrays, every enum value of
 * every field, JSON nested 5,000 and 100,000 deep, prototype keys, malformed JSON, other content
 * types, bad query values and bad path ids. Fails on any answer >= 500, on any 4xx outside the one
 * error shape, and when an input the edge must refuse (NUL, lone surrogate, depth, prototype key)
 * is not a 400 naming its field. Deterministic (seeded; one request at a time) and bounded.
 */

const SEED = 0x0012ed6e;
/** a cap per operation, so that the screening's 150 fields do not take the whole budget */
const MAX_PER_OPERATION = 150;

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  minimum?: number;
  minItems?: number;
};
type Param = {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema?: Schema;
};
type Operation = {
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Path = (string | number)[];
type Leaf = { path: Path; schema: Schema; owner: string };

interface Probe {
  label: string;
  user: string | null;
  url: string;
  query?: string;
  json?: () => unknown;
  raw?: { type: string; data: string | Buffer };
  multipart?: { fields: Record<string, string>; file?: Buffer };
  /** the edge must refuse this with a 400 whose details name a field matching this */
  refuse?: RegExp;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fieldRe = (path: Path, suffix = '') => new RegExp(`^${escapeRe(path.join('.'))}${suffix}$`);

describe('fuzzing every route of the OpenAPI document', () => {
  let s: TestStack;
  let w: World;
  let doc: OpenAPIObject;
  let sideToken: string;
  const userIds = new Map<string, string>();
  const versions = new Map<string, number>();

  beforeAll(async () => {
    s = await startStack();
    w = await buildWorld(s);
    doc = buildOpenApiDocument(s.app);
    // /auth and /me are fuzzed on a session of their own: logging out or changing credentials there must not end the others
    sideToken = (await s.login('atd.caseworker')).accessToken;
    for (const r of (await s.admin.query<{ id: string; username: string }>(`SELECT id, username FROM app_user`)).rows)
      userIds.set(r.username, r.id);
  }, 300_000);
  afterAll(async () => {
    await s.close();
  });

  it('answers every malformed request below 500, in the one error shape, and refuses what the edge must refuse', async () => {
    const started = Date.now();
    const rand = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
    const resolve = (sc: Schema | undefined): Schema => {
      let x: Schema = sc ?? {};
      for (let i = 0; i < 10; i++) {
        if (x.$ref) x = schemas[x.$ref.split('/').pop() as string] ?? {};
        else if (x.allOf?.length === 1 && x.allOf[0]) x = x.allOf[0];
        else break;
      }
      return x;
    };
    const routes = listRoutes(s.app);
    const norm = (p: string) =>
      p
        .replace(/^\/?api\/(v1\/)?/, '')
        .replace(/\{[^}]+\}|:[A-Za-z]+/g, '*')
        .replace(/\/+/g, '/')
        .replace(/^\/|\/$/g, '');
    const permissionOf = (method: string, path: string) =>
      routes.find((r) => r.method === method && norm(r.path) === norm(path));

    // ---- ids: real records where the path names one, so that requests reach the services and the database
    const pathIds: [RegExp, () => string][] = [
      [/^\/api\/v1\/cases\/\{id\}/, () => w.caseId],
      [/^\/api\/v1\/screenings\/\{id\}/, () => w.screeningId],
      [/^\/api\/v1\/referrals\/\{id\}/, () => w.referralId],
      [/^\/api\/v1\/handoffs\/\{id\}/, () => w.handoffId],
      [/^\/api\/v1\/consents\/\{id\}/, () => w.consentId],
      [/^\/api\/v1\/admin\/users\/\{id\}/, () => w.targetUserId],
      [/^\/api\/v1\/admin\/agencies\/\{id\}/, () => w.targetAgencyId],
      [/^\/api\/v1\/persons\/\{id\}/, () => w.personId],
    ];
    const randomUuid = () => {
      const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    };
    const pathIdFor = (template: string) => pathIds.find(([re]) => re.test(template))?.[1]() ?? randomUuid();
    const idFor = (name: string, template: string): string => {
      switch (name) {
        case 'toAgencyId':
          return template.includes('handoffs') ? w.agency('OSPP') : w.agency('LWU');
        case 'agencyId':
          return w.agency('LWU');
        case 'userId':
          return userIds.get('atd.caseworker') ?? randomUuid();
        case 'assigneeId':
          return userIds.get('lwu.caseworker') ?? randomUuid();
        case 'mergeId':
          return w.otherPersonId;
        case 'personId':
          return w.personId;
        case 'caseId':
          return w.caseId;
        case 'referralId':
          return w.referralId;
        case 'handoffId':
          return w.handoffId;
        default:
          return randomUuid();
      }
    };

    // ---- a plausible value for a schema (the base every mutation starts from)
    const sample = (sc: Schema | undefined, name: string, template: string, depth = 0): unknown => {
      const x = resolve(sc);
      if (x.enum?.length) return x.enum[0];
      if (x.properties || x.type === 'object') {
        const out: Record<string, unknown> = {};
        if (depth > 6) return out;
        for (const [k, v] of Object.entries(x.properties ?? {})) out[k] = sample(v, k, template, depth + 1);
        return out;
      }
      switch (x.type) {
        case 'array':
          if (Array.isArray(x.example)) return x.example;
          return [sample(x.items, name.replace(/s$/, ''), template, depth + 1)].map((v) =>
            name === 'agencyIds' ? w.agency('LWU') : v,
          );
        case 'integer':
        case 'number':
          if (name === 'version') return 1;
          return typeof x.example === 'number' ? x.example : (x.minimum ?? 1);
        case 'boolean':
          return false;
        case 'string':
        default:
          if (x.format === 'uuid' || /Id$/.test(name)) return idFor(name, template);
          if (x.format === 'date') return '2026-01-15';
          if (x.format === 'date-time') return '2026-01-15T09:30:00+07:00';
          if (typeof x.example === 'string') return x.example;
          return `fuzz ${name}`;
      }
    };
    const refName = (sc: Schema | undefined): string | undefined => {
      const r = sc?.$ref ?? sc?.allOf?.[0]?.$ref ?? sc?.items?.$ref ?? sc?.items?.allOf?.[0]?.$ref;
      return r?.split('/').pop();
    };
    const leaves = (sc: Schema | undefined, path: Path = [], depth = 0, owner = refName(sc) ?? ''): Leaf[] => {
      const x = resolve(sc);
      if (depth > 6) return [];
      if (x.properties)
        return Object.entries(x.properties).flatMap(([k, v]) =>
          leaves(v, [...path, k], depth + 1, refName(v) ?? owner),
        );
      if (x.type === 'array') {
        const it = resolve(x.items);
        return it.properties ? leaves(it, [...path, 0], depth + 1, refName(x) ?? owner) : [{ path, schema: x, owner }];
      }
      return [{ path, schema: x, owner }];
    };
    const setAt = (body: unknown, path: Path, value: unknown): unknown => {
      const root = structuredClone(body) as Record<string | number, unknown>;
      let cur: Record<string | number, unknown> = root;
      path.forEach((k, i) => {
        if (i === path.length - 1) cur[k] = value;
        else {
          if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof path[i + 1] === 'number' ? [] : {};
          cur = cur[k] as Record<string | number, unknown>;
        }
      });
      return root;
    };
    const isStringLeaf = (l: Leaf) =>
      l.schema.type === 'string' || (l.schema.type === 'array' && resolve(l.schema.items).type === 'string');
    const enumOf = (l: Leaf): unknown[] | null =>
      l.schema.enum ?? (l.schema.type === 'array' ? (resolve(l.schema.items).enum ?? null) : null);
    const asLeafValue = (l: Leaf, v: unknown) => (l.schema.type === 'array' ? [v] : v);
    const nest = (depth: number, open: string, close: string, inner = '1') =>
      open.repeat(depth) + inner + close.repeat(depth);

    // bodies that pass validation, for the routes whose writes must reach the database to find what the column refuses
    let serial = 0;
    const VALID_BODIES: Record<string, () => Record<string, unknown>> = {
      'post /api/v1/auth/login': () => ({
        username: 'fuzz.nobody',
        password: 'not-the-password',
      }),
      'post /api/v1/screenings': () => screeningBody('ນາງຟັສ'),
      'patch /api/v1/screenings/{id}': () => screeningBody('ນາງຟັສ'),
      'post /api/v1/cases/{id}/consents': () => ({
        type: 'REFERRAL_SHARING',
        agencyIds: [w.agency('LWU')],
        categories: ['CASE_SUMMARY'],
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        grantedAt: daysAgo(1),
      }),
      'post /api/v1/cases/{id}/referrals': () => ({
        toAgencyId: w.agency('LWU'),
        serviceTypes: ['SHELTER'],
        urgency: 'ROUTINE',
        reason: 'a safe place',
        categories: ['IDENTITY'],
      }),
      'post /api/v1/referrals/{id}/services': () => ({
        serviceType: 'SHELTER',
        deliveredOn: todayInLaos(),
        provider: 'Shelter A',
        notes: 'n',
      }),
      'post /api/v1/cases/{id}/notes': () => ({ body: 'a note' }),
      'post /api/v1/persons/{id}/merge': () => ({
        mergeId: w.otherPersonId,
        reason: 'the same person',
      }),
      'post /api/v1/admin/users': () => ({
        username: `fuzz.user${++serial}`,
        displayName: 'Fuzz User',
        roles: ['CASEWORKER'],
        provinces: ['01'],
        agencyId: w.agency('LWU'),
      }),
      'post /api/v1/admin/agencies': () => ({
        code: `FUZZ_${++serial}`,
        nameLo: 'ທົດສອບ',
        nameEn: 'Fuzz',
        type: 'NGO',
        capabilities: [],
        serviceTypes: [],
        provinces: ['01'],
      }),
    };

    const enumsSent = new Set<string>();
    const WRONG: unknown[] = [
      12345,
      -1,
      1.5,
      true,
      null,
      [],
      {},
      'x'.repeat(20_000),
      1e308,
      '9'.repeat(400),
      ['a', 'b'],
      { nested: { object: true } },
    ];

    // ---- the operations, in an order that keeps the world alive longest: reads, edits, creates, actions, endings
    const ENDINGS =
      /\/(close|withdraw|cancel|decline|terminate|merge|undo|disable|enable|reset|reset-mfa|complete|verdict|return|approve)$/;
    const rank = (method: string, path: string) => {
      if (path === '/api/v1/auth/logout') return 7;
      if (/^\/api\/v1\/(auth|me)\b/.test(path)) return 6;
      if (method === 'get') return 0;
      if (method === 'patch') return 1;
      if (/\}$/.test(path) || !/\{/.test(path) || /\/(notes|consents|referrals|handoffs|attachments)$/.test(path))
        return 2;
      return ENDINGS.test(path) ? 4 : 3;
    };
    const ops = Object.entries(doc.paths)
      .flatMap(([path, item]) =>
        Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
      )
      .filter((o) => ['get', 'post', 'patch', 'put', 'delete'].includes(o.method))
      .sort(
        (a, b) =>
          rank(a.method, a.path) - rank(b.method, b.path) ||
          a.path.localeCompare(b.path) ||
          a.method.localeCompare(b.method),
      );
    expect(ops.length).toBeGreaterThan(80);
    // every reference in the document names a schema that exists (a broken $ref hides a whole body from clients and from this walk)
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(refs.filter((r) => !schemas[r])).toEqual([]);

    const MAIN_USER: [RegExp, string][] = [
      [/^\/api\/v1\/screenings\/\{id\}\/(approve|return)$/, 'atd.supervisor'],
      [/^\/api\/v1\/screenings/, 'atd.caseworker'],
      [/^\/api\/v1\/referrals\/\{id\}\/(accept|decline|services|complete)$/, 'lwu.caseworker'],
      [/^\/api\/v1\/handoffs\/\{id\}\/(resubmit|withdraw)$/, 'atd.investigator'],
      [/^\/api\/v1\/handoffs\/\{id\}\//, 'ospp.prosecutor'],
      [/^\/api\/v1\/cases\/\{id\}\/handoffs$/, 'atd.investigator'],
      [/^\/api\/v1\/admin\//, 'sysadmin'],
    ];
    const mainUserOf = (method: string, path: string): string | null => {
      const r = permissionOf(method.toUpperCase(), path);
      if (!r || r.public) return null;
      const fixed = MAIN_USER.find(([re]) => re.test(path))?.[1];
      if (fixed) return fixed;
      const perm = r.permission;
      if (!isPermission(perm)) return 'atd.caseworker';
      const u = WORLD_USERS.find((name) => {
        const d = SEED_DEMO_USERS.find((x) => x.username === name);
        return d && hasPermission(seedUserSubject(d), perm);
      });
      return u ?? 'atd.caseworker';
    };

    // ---- sending
    let count = 0;
    // FUZZ_TRACE=/tmp/fuzz.txt writes every answer there, one line each (for reading a failure)
    const trace = process.env['FUZZ_TRACE'];
    if (trace) writeFileSync(trace, '');
    const failures: string[] = [];
    const misses: string[] = [];
    const badShapes: string[] = [];
    const tokenOf = (user: string | null, path: string) =>
      user === null
        ? null
        : /^\/api\/v1\/(auth|me)\b/.test(path) && user === 'atd.caseworker'
          ? sideToken
          : w.token(user);
    const send = async (method: string, template: string, p: Probe): Promise<Response> => {
      const url = p.url + (p.query ? `?${p.query}` : '');
      let req = s.http()[method as 'get' | 'post' | 'patch' | 'put' | 'delete'](url);
      // logout ends the session its access token names, whatever the body holds (decision 0011): each logout probe signs in anew
      const token =
        template === '/api/v1/auth/logout' && p.user !== null
          ? (await s.login(p.user)).accessToken
          : tokenOf(p.user, template);
      if (token) req = req.set('Authorization', `Bearer ${token}`);
      let res: Response;
      const t0 = Date.now();
      if (p.multipart) {
        for (const [k, v] of Object.entries(p.multipart.fields)) req = req.field(k, v);
        if (p.multipart.file) req = req.attach('file', p.multipart.file, 'evidence.png');
        res = await req;
      } else if (p.raw) res = await req.set('Content-Type', p.raw.type).send(p.raw.data);
      else if (p.json) res = await req.send(p.json() as object);
      else res = await req;
      count++;
      const where = `${method.toUpperCase()} ${template} [${p.label}] as ${p.user ?? 'anonymous'}`;
      if (trace)
        appendFileSync(
          trace,
          `${res.status} ${Date.now() - t0}ms ${where} ${res.status >= 400 ? JSON.stringify(res.body).slice(0, 300) : ''}\n`,
        );
      if (res.status >= 500) failures.push(`${where}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (res.status >= 400) {
        const b = res.body as {
          statusCode?: unknown;
          message?: unknown;
          requestId?: unknown;
          details?: unknown;
        };
        const detailsOk =
          b.details === undefined ||
          (Array.isArray(b.details) &&
            b.details.every(
              (d: { field?: unknown; problems?: unknown }) => typeof d.field === 'string' && Array.isArray(d.problems),
            ));
        if (
          b.statusCode !== res.status ||
          typeof b.message !== 'string' ||
          typeof b.requestId !== 'string' ||
          !detailsOk
        )
          badShapes.push(`${where}: ${res.status} ${String(res.text).slice(0, 120)}`);
      }
      if (p.refuse) {
        const details = (res.body as { details?: unknown } | undefined)?.details;
        const fields = Array.isArray(details) ? details.map((d: { field?: unknown }) => String(d.field)) : [];
        const re = p.refuse;
        if (res.status !== 400 || !fields.some((f) => re.test(f)))
          misses.push(`${where}: ${res.status} ${JSON.stringify(fields).slice(0, 160)} (wanted ${re.source})`);
      }
      if (res.status < 300 && res.body && typeof res.body === 'object') {
        const b = res.body as { id?: unknown; version?: unknown };
        if (typeof b.id === 'string' && typeof b.version === 'number') versions.set(b.id, b.version);
      }
      return res;
    };

    for (const { path: template, method, op } of ops) {
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const realId = pathIdFor(template);
      const urlWith = (id: string) => template.replace(/\{[^}]+\}/g, id);
      const url = urlWith(realId);
      const main = mainUserOf(method, template);
      const content = op.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      const multipartSchema = content['multipart/form-data']?.schema;
      const probes: Probe[] = [];

      // the version to send: the one last seen for this record
      if (jsonSchema && resolve(jsonSchema).properties?.['version'] && main) {
        const getPath = template.replace(/(\/\{id\}).*$/, '$1');
        if (getPath !== template && doc.paths[getPath]?.get) {
          const r = await send('get', getPath, {
            label: 'read version',
            user: main,
            url: urlWith(realId).replace(/(\/[0-9a-f-]{36}).*$/, '$1'),
          });
          if (typeof r.body?.version === 'number') versions.set(realId, r.body.version);
        }
      }
      const base = (): Record<string, unknown> => {
        const valid = VALID_BODIES[`${method} ${template}`];
        const b = valid ? valid() : (sample(jsonSchema, '', template) as Record<string, unknown>);
        if (b && typeof b === 'object' && resolve(jsonSchema).properties?.['version'])
          b['version'] = versions.get(realId) ?? 1;
        return b;
      };

      if (jsonSchema) {
        const ls = leaves(jsonSchema);
        for (const l of ls) {
          const name = l.path.join('.');
          if (isStringLeaf(l)) {
            const good = enumOf(l)?.[0] ?? 'ok';
            probes.push({
              label: `NUL in ${name}`,
              user: main,
              url,
              json: () => setAt(base(), l.path, asLeafValue(l, `${String(good)}\u0000x`)),
              refuse: fieldRe(l.path, l.schema.type === 'array' ? '\\.0' : ''),
            });
            if (rand() < 0.5) {
              probes.push({
                label: `lone surrogate in ${name}`,
                user: main,
                url,
                json: () => setAt(base(), l.path, asLeafValue(l, pick(['\ud800', 'x\udfff', '\udbff\u0041']))),
                refuse: fieldRe(l.path, l.schema.type === 'array' ? '\\.0' : ''),
              });
            }
          }
          const wrong = pick(WRONG);
          if (rand() < 0.6)
            probes.push({
              label: `wrong type ${JSON.stringify(wrong).slice(0, 20)} in ${name}`,
              user: main,
              url,
              json: () => setAt(base(), l.path, wrong),
            });
          // each enum value of each direct DTO property on its own (the ones stored in columns), once:
          // POST and PATCH of a screening share their DTOs; nested ones go in the sweep below
          for (const v of l.path.length === 1 ? (enumOf(l) ?? []) : []) {
            const key = `${l.owner}.${String(l.path[l.path.length - 1])}=${String(v)}`;
            if (enumsSent.has(key)) continue;
            enumsSent.add(key);
            probes.push({
              label: `${name}=${String(v)}`,
              user: main,
              url,
              json: () => setAt(base(), l.path, asLeafValue(l, v)),
            });
          }
          if (l.schema.type === 'array')
            probes.push({
              label: `10,000 items in ${name}`,
              user: main,
              url,
              json: () =>
                setAt(
                  base(),
                  l.path,
                  Array.from({ length: 10_000 }, () => 'x'),
                ),
            });
        }
        // the enum sweep: request i sets every enum field at once to its i-th value
        const enumLeaves = ls.filter((l) => enumOf(l));
        const widest = Math.max(0, ...enumLeaves.map((l) => enumOf(l)?.length ?? 0));
        for (let i = 0; i < widest; i++) {
          probes.push({
            label: `enum sweep ${i}=`,
            user: main,
            url,
            json: () =>
              enumLeaves.reduce<unknown>((b, l) => {
                const vs = enumOf(l) ?? [];
                return setAt(b, l.path, asLeafValue(l, vs[i % vs.length]));
              }, base()),
          });
        }
        const first = ls[0]?.path[0] ?? 'x';
        // under the first field, or under its first item when it is a list of objects (a key set on an
        // array itself is dropped by JSON and would probe nothing)
        const nestUnder = typeof ls[0]?.path[1] === 'number' ? [first, 0] : [first];
        probes.push(
          {
            label: 'object 5,000 deep',
            user: main,
            url,
            raw: {
              type: 'application/json',
              data: `{"${String(first)}":${nest(5000, '{"a":', '}')}}`,
            },
            refuse: /.*/,
          },
          {
            label: 'array 100,000 deep (200 KB)',
            user: main,
            url,
            raw: { type: 'application/json', data: nest(100_000, '[', ']') },
            refuse: /.*/,
          },
          {
            label: '33 levels',
            user: main,
            url,
            json: () => ({
              ...base(),
              [String(first)]: JSON.parse(nest(33, '{"a":', '}')),
            }),
            refuse: /.*/,
          },
          {
            label: '__proto__ key',
            user: main,
            url,
            raw: {
              type: 'application/json',
              data: JSON.stringify(base()).replace(/^\{/, '{"__proto__":{"isAdmin":true},'),
            },
            refuse: /^__proto__$/,
          },
          {
            label: 'constructor key',
            user: main,
            url,
            raw: {
              type: 'application/json',
              data: JSON.stringify(base()).replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},'),
            },
            refuse: /^constructor$/,
          },
          {
            label: 'nested prototype key',
            user: main,
            url,
            json: () => setAt(base(), [...nestUnder, 'prototype'], { polluted: true }),
            refuse: /prototype$/,
          },
          {
            label: 'unknown field',
            user: main,
            url,
            json: () => ({ ...base(), surpriseField: 'x' }),
          },
          { label: 'empty object', user: main, url, json: () => ({}) },
          {
            label: 'array body',
            user: main,
            url,
            raw: { type: 'application/json', data: '[1,2,3]' },
          },
          {
            label: 'string body',
            user: main,
            url,
            raw: { type: 'application/json', data: '"just a string"' },
          },
          {
            label: 'null body',
            user: main,
            url,
            raw: { type: 'application/json', data: 'null' },
          },
          {
            label: 'truncated JSON',
            user: main,
            url,
            raw: { type: 'application/json', data: '{"a":' },
          },
          {
            label: 'invalid UTF-8',
            user: main,
            url,
            raw: {
              type: 'application/json',
              data: Buffer.concat([
                Buffer.from('{"a":"'),
                Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]),
                Buffer.from('"}'),
              ]),
            },
          },
          {
            label: 'text/plain',
            user: main,
            url,
            raw: { type: 'text/plain', data: 'hello' },
          },
          {
            label: 'form with NUL',
            user: main,
            url,
            raw: {
              type: 'application/x-www-form-urlencoded',
              data: `${String(first)}=a%00b`,
            },
            refuse: new RegExp(`^${escapeRe(String(first))}$`),
          },
          {
            label: 'form nested keys',
            user: main,
            url,
            raw: {
              type: 'application/x-www-form-urlencoded',
              data: 'a[b][c][d][e][f][g]=1',
            },
          },
          {
            label: 'over 1 MB',
            user: main,
            url,
            raw: {
              type: 'application/json',
              data: JSON.stringify({ [String(first)]: 'x'.repeat(1_100_000) }),
            },
          },
        );
      } else if (multipartSchema) {
        const fields = { kind: 'EVIDENCE', category: 'LEGAL_PROCEEDINGS' };
        const file = tinyPng();
        probes.push({
          label: 'upload',
          user: main,
          url,
          multipart: { fields, file },
        });
        for (const k of Object.keys(resolve(multipartSchema).properties ?? {}).filter((k) => k !== 'file')) {
          probes.push({
            label: `NUL in ${k}`,
            user: main,
            url,
            multipart: { fields: { ...fields, [k]: 'EVIDENCE\u0000' }, file },
            refuse: new RegExp(`^${k}$`),
          });
          probes.push({
            label: `lone surrogate in ${k}`,
            user: main,
            url,
            multipart: { fields: { ...fields, [k]: '\ud800' }, file },
            refuse: new RegExp(`^${k}$`),
          });
          probes.push({
            label: `long ${k}`,
            user: main,
            url,
            multipart: { fields: { ...fields, [k]: 'x'.repeat(5000) }, file },
          });
          for (const v of resolve(resolve(multipartSchema).properties?.[k]).enum ?? [])
            probes.push({
              label: `${k}=${String(v)}`,
              user: main,
              url,
              multipart: { fields: { ...fields, [k]: String(v) }, file },
            });
        }
        probes.push(
          { label: 'no file', user: main, url, multipart: { fields } },
          {
            label: 'not an image',
            user: main,
            url,
            multipart: {
              fields,
              file: Buffer.from('MZ\u0000\u0001 not an image'),
            },
          },
          {
            label: 'unknown field',
            user: main,
            url,
            multipart: { fields: { ...fields, surprise: 'x' }, file },
          },
          {
            label: '__proto__ field',
            user: main,
            url,
            multipart: {
              fields: { ...fields, __proto__: 'x' },
              file,
            },
          },
          { label: 'JSON instead', user: main, url, json: () => fields },
        );
      } else if (method === 'post') {
        probes.push(
          {
            label: 'unexpected body',
            user: main,
            url,
            json: () => ({ surpriseField: 'x' }),
          },
          {
            label: 'deep body',
            user: main,
            url,
            raw: { type: 'application/json', data: nest(50_000, '[', ']') },
          },
        );
      }

      // query parameters: each bad value, each enum value, pollution, unknown and bracketed keys
      for (const q of queryParams) {
        const sc = resolve(q.schema);
        const e = (v: string) => `${encodeURIComponent(q.name)}=${encodeURIComponent(v)}`;
        probes.push({
          label: `?${q.name} NUL`,
          user: main,
          url,
          query: e('a\u0000'),
          refuse: new RegExp(`^${q.name}$`),
        });
        probes.push({
          label: `?${q.name} lone surrogate`,
          user: main,
          url,
          query: `${q.name}=%ED%A0%80`,
        });
        probes.push({
          label: `?${q.name} escaped surrogate`,
          user: main,
          url,
          query: `${q.name}=\\ud800`,
        });
        probes.push({
          label: `?${q.name} long`,
          user: main,
          url,
          query: e('x'.repeat(5000)),
        });
        probes.push({
          label: `?${q.name} twice`,
          user: main,
          url,
          query: `${e('1')}&${e('2')}`,
        });
        probes.push({
          label: `?${q.name} wrong`,
          user: main,
          url,
          query: e(pick(['-1', 'abc', '1e400', 'true', '0', '101', '2026-02-30T25:00:00Z', '%'])),
        });
        for (const v of sc.enum ?? [])
          probes.push({
            label: `?${q.name}=${String(v)}`,
            user: main,
            url,
            query: e(String(v)),
          });
      }
      if (method === 'get') {
        probes.push(
          { label: 'unknown query', user: main, url, query: 'surprise=1' },
          {
            label: 'bracketed query',
            user: main,
            url,
            query: 'a[b][c][d]=1&__proto__[x]=1',
          },
          {
            label: '__proto__ query',
            user: main,
            url,
            query: '__proto__=1',
            refuse: queryParams.length ? /^__proto__$/ : undefined,
          },
        );
      }
      // path ids: malformed, NUL, bad UTF-8, huge, someone else's
      for (const _p of pathParams.slice(0, 1)) {
        for (const bad of [
          'not-a-uuid',
          '%00',
          `${realId}%00`,
          '%ED%A0%80',
          '%FF',
          'a'.repeat(3000),
          randomUuid(),
          '..%2F..%2Fetc%2Fpasswd',
          '00000000-0000-0000-0000-000000000000',
        ]) {
          probes.push({
            label: `id ${bad.slice(0, 24)}`,
            user: main,
            url: urlWith(bad),
            json: jsonSchema ? base : undefined,
          });
        }
      }
      // no role and three other roles (seeded) with the plain request; no role and one of them also
      // with a NUL (who may do what is authorization-matrix.int-spec.ts's walk, not this one's)
      const firstString = jsonSchema ? leaves(jsonSchema).find(isStringLeaf) : undefined;
      const pool = WORLD_USERS.filter((x) => x !== main);
      const others: (string | null)[] = [null];
      while (others.length < 4 && pool.length) others.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
      const nulAlso = new Set([null, others[1]]);
      for (const u of others) {
        probes.push({ label: 'as another', user: u, url, json: jsonSchema ? base : undefined });
        if (firstString && nulAlso.has(u)) {
          probes.push({
            label: `as another, NUL in ${firstString.path.join('.')}`,
            user: u,
            url,
            json: () => setAt(base(), firstString.path, asLeafValue(firstString, 'a\u0000')),
          });
        }
      }

      // the plain request last: on the routes that end something, it ends it
      if (!multipartSchema)
        probes.push({
          label: 'base',
          user: main,
          url,
          json: jsonSchema ? base : undefined,
        });

      // bounded: keep a NUL in every string field, the depth and prototype probes and every enum
      // value; sample the rest (lone surrogates, wrong types, other roles)
      let chosen = probes;
      if (probes.length > MAX_PER_OPERATION) {
        const kept = (p: Probe) => (!!p.refuse && !p.label.startsWith('lone surrogate')) || /=/.test(p.label);
        const must = probes.filter(kept);
        const rest = probes.filter((p) => !kept(p));
        while (must.length + rest.length > MAX_PER_OPERATION && rest.length)
          rest.splice(Math.floor(rand() * rest.length), 1);
        chosen = probes.filter((p) => must.includes(p) || rest.includes(p));
      }
      for (const p of chosen) await send(method, template, p);
    }

    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `fuzz: ${count} requests over ${ops.length} operations in ${seconds.toFixed(1)} s (seed ${SEED})\n`,
    );
    expect({
      count: count > 2000,
      failures,
      badShapes: badShapes.slice(0, 40),
      misses: misses.slice(0, 40),
    }).toEqual({ count: true, failures: [], badShapes: [], misses: [] });
    // about a minute on a quiet 2-core machine; the limit leaves room for a machine whose cores other suites keep busy
  }, 600_000);
});
