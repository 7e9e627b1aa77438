import { AGENCY_TYPES, CONSENT_FORMS, CONSENT_GIVERS, CONSENT_TYPES, URGENCIES } from '@ctms/domain';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../src/platform/http/configure-app';
import { startStack, TestStack } from './harness';
import { buildWorld, daysAgo, screeningBody, World } from './world';

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
};

/**
 * The tables each write route stores into. A write route with an enum that is not listed here fails the test: classify it.
 */
const ROUTE_TABLES: [RegExp, string[]][] = [
  [/^\/api\/v1\/admin\/agencies/, ['agency']],
  [/^\/api\/v1\/admin\/sla-settings/, ['sla_setting']],
  [/^\/api\/v1\/(admin\/users|me)\b/, ['app_user']],
  [/^\/api\/v1\/(screenings\/\{id\}\/match-requests|match-requests)\b/, ['match_request', 'screening']],
  [/^\/api\/v1\/screenings/, ['screening', 'person', 'case_record']],
  [/^\/api\/v1\/(cases\/\{id\}\/consents|consents)\b/, ['consent']],
  [/^\/api\/v1\/(cases\/\{id\}\/referrals|referrals)\b/, ['referral', 'referral_service']],
  [/^\/api\/v1\/(cases\/\{id\}\/handoffs|handoffs)\b/, ['handoff']],
  [/^\/api\/v1\/(cases\/\{id\}\/transfers|transfers)\b/, ['case_transfer']],
  [/^\/api\/v1\/cases\/\{id\}\/attachments$/, ['attachment']],
  [/^\/api\/v1\/cases\/\{id\}\/identification$/, ['case_identification', 'case_record']],
  [/^\/api\/v1\/cases\/\{id\}\/notes$/, ['case_note']],
  [/^\/api\/v1\/cases\/\{id\}\/visits\b/, ['follow_up_visit']],
  [/^\/api\/v1\/cases\/\{id\}\/assessments\b/, ['reintegration_assessment']],
  // a bulk reassignment writes case rows (its reason goes to the audit, encrypted)
  [/^\/api\/v1\/caseload\b/, ['case_record']],
  [
    /^\/api\/v1\/(cases\/\{id\}\/plan|plan-goals|plan-tasks)\b/,
    ['case_plan', 'case_plan_goal', 'case_plan_task', 'case_plan_review'],
  ],
  [
    /^\/api\/v1\/(cases\/\{id\}\/identification-requests|identification-requests)\b/,
    ['identification_request', 'case_identification', 'case_record'],
  ],
  [/^\/api\/v1\/(cases\/\{id\}\/closure-requests|closure-requests)\b/, ['closure_request', 'case_record']],
  [/^\/api\/v1\/(cases\/\{id\}\/family-tracing-requests|family-tracing-requests)\b/, ['family_tracing_request']],
  [/^\/api\/v1\/cases\/\{id\}\/returns$/, ['case_return']],
  // saved filters keep their codes in a jsonb column
  [/^\/api\/v1\/case-filters\b/, ['case_saved_filter']],
  [/^\/api\/v1\/cases\b/, ['case_record']],
  [/^\/api\/v1\/exports\b/, ['export_job']],
  [/^\/api\/v1\/persons\b/, ['person', 'person_merge']],
];

/** property names a column qualifies: `reason` is stored as closure_reason, decline_reason, termination_reason */
const QUALIFIED = new Set(['reason', 'outcome', 'status']);

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Every value of every enum a write accepts fits the column that stores it (decision 0012). A
 * consent form VERBAL_CERTIFIED_BY_CASEWORKER (30 characters) against varchar(20) meant a verbal
 * consent could never be recorded: a 500 for every try.
 */
describe('enum values and the columns that store them', () => {
  let s: TestStack;
  let w: World;
  let doc: OpenAPIObject;
  beforeAll(async () => {
    s = await startStack();
    w = await buildWorld(s);
    doc = buildOpenApiDocument(s.app);
  }, 300_000);
  afterAll(async () => {
    await s.close();
  });

  it('each enum property of each request body fits every varchar column named after it (information_schema)', async () => {
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
    // every (property, values) of every request body, nested ones included
    const enums: { where: string; tables: string[]; prop: string; values: string[] }[] = [];
    const unclassified = new Set<string>();
    const walk = (sc: Schema | undefined, where: string, tables: string[], seen: Set<Schema>) => {
      const x = resolve(sc);
      if (seen.has(x)) return;
      seen.add(x);
      for (const [prop, p] of Object.entries(x.properties ?? {})) {
        const r = resolve(p);
        const values = r.enum ?? (r.type === 'array' ? resolve(r.items).enum : undefined);
        if (values)
          enums.push({
            where: `${where}.${prop}`,
            tables,
            prop: r.type === 'array' ? prop.replace(/s$/, '') : prop,
            values: values.map(String),
          });
        walk(r.type === 'array' ? r.items : p, `${where}.${prop}`, tables, seen);
      }
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(
        item as Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>,
      )) {
        const tables = ROUTE_TABLES.find(([re]) => re.test(path))?.[1];
        for (const c of Object.values(op.requestBody?.content ?? {})) {
          if (tables) walk(c.schema, `${method.toUpperCase()} ${path}`, tables, new Set());
          else if (JSON.stringify(c.schema).includes('enum') || JSON.stringify(c.schema).includes('$ref'))
            unclassified.add(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(enums.length).toBeGreaterThan(50);
    expect(enums.find((e) => e.where.endsWith('/consents.form'))?.values).toEqual([...CONSENT_FORMS]);

    const { rows: columns } = await s.admin.query<{ table_name: string; column_name: string; len: number }>(
      `SELECT table_name, column_name, character_maximum_length AS len FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'character varying' AND character_maximum_length IS NOT NULL`,
    );
    const tooLong: string[] = [];
    let matched = 0;
    for (const e of enums) {
      const name = snake(e.prop);
      const cols = columns.filter(
        (c) =>
          e.tables.includes(c.table_name) &&
          (c.column_name === name || (QUALIFIED.has(name) && c.column_name.endsWith(`_${name}`))),
      );
      if (cols.length) matched++;
      for (const c of cols) {
        for (const v of e.values)
          if (v.length > c.len)
            tooLong.push(`${e.where}=${v} (${v.length}) > ${c.table_name}.${c.column_name} varchar(${c.len})`);
      }
    }
    expect(matched).toBeGreaterThan(15);
    expect([...unclassified].filter((r) => !/^POST \/api\/v1\/(auth|me)\//.test(r))).toEqual([]);
    expect(tooLong).toEqual([]);
  });

  it('records a consent with each type, each giver and each form, VERBAL_CERTIFIED_BY_CASEWORKER included', async () => {
    const stored: string[] = [];
    const n = Math.max(CONSENT_TYPES.length, CONSENT_GIVERS.length, CONSENT_FORMS.length);
    for (let i = 0; i < n; i++) {
      const type = CONSENT_TYPES[i % CONSENT_TYPES.length];
      const givenBy = CONSENT_GIVERS[i % CONSENT_GIVERS.length];
      const form = CONSENT_FORMS[i % CONSENT_FORMS.length];
      const body = {
        type,
        agencyIds: type === 'INTERVIEW' || type === 'DATA_PROCESSING' ? [] : [w.agency('LWU')],
        categories: ['CASE_SUMMARY'],
        givenBy,
        form,
        grantedAt: daysAgo(1),
        ...(givenBy === 'PARENT' || givenBy === 'LEGAL_GUARDIAN' ? { guardianName: 'ນາງແມ່' } : {}),
      };
      const res = await w.post('atd.caseworker', `/cases/${w.caseId}/consents`, body);
      expect({ i, status: res.status, body: res.status === 201 ? null : res.body }).toEqual({
        i,
        status: 201,
        body: null,
      });
      const { rows } = await s.admin.query(`SELECT type, given_by, form FROM consent WHERE id = $1`, [res.body.id]);
      expect(rows[0]).toEqual({ type, given_by: givenBy, form });
      stored.push(form);
    }
    expect(new Set(stored)).toEqual(new Set(CONSENT_FORMS));
  });

  it('approves a screening whose interview consent was given verbally, certified by the caseworker', async () => {
    const created = await w.post(
      'atd.caseworker',
      '/screenings',
      screeningBody('ນາງວາຈາ', {
        interviewConsent: {
          ...(screeningBody('x')['interviewConsent'] as object),
          form: 'VERBAL_CERTIFIED_BY_CASEWORKER',
        },
      }),
    );
    expect(created.status).toBe(201);
    const submitted = await w.post('atd.caseworker', `/screenings/${created.body.id}/submit`, {
      version: created.body.version,
    });
    expect(submitted.status).toBe(200);
    const approved = await w.post('atd.supervisor', `/screenings/${created.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    const { rows } = await s.admin.query(`SELECT interview_consent->>'form' AS form FROM screening WHERE id = $1`, [
      created.body.id,
    ]);
    expect(rows[0].form).toBe('VERBAL_CERTIFIED_BY_CASEWORKER');
  });

  it('stores each agency type and each referral urgency through the API', async () => {
    for (const [i, type] of AGENCY_TYPES.entries()) {
      const res = await w.post('sysadmin', '/admin/agencies', {
        code: `ENUM_${i}`,
        nameLo: 'ທົດສອບ',
        nameEn: 'Enum',
        type,
        capabilities: [],
        serviceTypes: [],
        provinces: ['01'],
      });
      expect({ type, status: res.status }).toEqual({ type, status: 201 });
      expect((await s.admin.query(`SELECT type FROM agency WHERE id = $1`, [res.body.id])).rows[0].type).toBe(type);
    }
    for (const urgency of URGENCIES) {
      const res = await w.post('atd.caseworker', `/cases/${w.caseId}/referrals`, {
        toAgencyId: w.agency('LWU'),
        serviceTypes: ['SHELTER'],
        urgency,
        reason: 'enum',
        categories: ['IDENTITY'],
      });
      expect({ urgency, status: res.status }).toEqual({ urgency, status: 201 });
      expect((await s.admin.query(`SELECT urgency FROM referral WHERE id = $1`, [res.body.id])).rows[0].urgency).toBe(
        urgency,
      );
    }
  });
});
