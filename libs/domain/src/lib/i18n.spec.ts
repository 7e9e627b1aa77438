import * as enums from './enums';
import * as exportViews from './export-views';
import * as familyTracing from './family-tracing';
import * as i18n from './i18n';
import { label, LABELLED_LISTS, ROLE_LABELS, URGENCY_LABELS, WORKFLOW_REFUSAL_LABELS, type Label } from './i18n';
import * as passwordPolicy from './password-policy';
import * as permissions from './permissions';
import * as reference from './reference';
import * as stateMachine from './state-machine';
import * as workflows from './workflows';

const LAO_LETTER = /[\u0E81-\u0EAE\u0EDC-\u0EDF]/u;
/** Thai script looks alike but is not Lao: a Lao label must not contain it. */
const THAI = /[\u0E00-\u0E7F]/u;

/** Exported string lists that are not codes. */
const NOT_CODES = new Set(['APP_CONTEXT_WORDS']);

function exportedCodeLists(): [string, readonly string[]][] {
  const modules: Record<string, unknown>[] = [
    enums,
    permissions,
    stateMachine,
    workflows,
    reference,
    passwordPolicy,
    exportViews,
    familyTracing,
  ];
  const out: [string, readonly string[]][] = [];
  for (const m of modules) {
    for (const [name, value] of Object.entries(m)) {
      if (NOT_CODES.has(name)) continue;
      if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
        out.push([name, value]);
    }
  }
  return out;
}

describe('i18n', () => {
  it.each(LABELLED_LISTS.map((l) => [l.name, l] as const))(
    '%s: every code has a Lao and an English label',
    (_name, list) => {
      for (const code of list.codes) {
        const entry: Label | undefined = list.labels[code];
        expect({ code, hasLabel: entry !== undefined }).toEqual({ code, hasLabel: true });
        if (!entry) continue;
        expect({ code, en: entry.en.trim().length > 0 }).toEqual({ code, en: true });
        expect({
          code,
          lo: entry.lo.trim().length > 0,
          laoScript: LAO_LETTER.test(entry.lo),
          thai: THAI.test(entry.lo),
        }).toEqual({
          code,
          lo: true,
          laoScript: true,
          thai: false,
        });
      }
    },
  );

  it.each(LABELLED_LISTS.map((l) => [l.name, l] as const))(
    '%s: no label for a code that does not exist',
    (_name, list) => {
      expect(Object.keys(list.labels).sort()).toEqual([...list.codes].sort());
    },
  );

  it.each(exportedCodeLists())('exported list %s is labelled', (name, codes) => {
    const covering = LABELLED_LISTS.find((l) => codes.every((c) => Object.prototype.hasOwnProperty.call(l.labels, c)));
    expect({ name, labelled: covering !== undefined }).toEqual({ name, labelled: true });
  });

  it('every *_LABELS map is in the catalogue', () => {
    const maps = [...Object.entries(i18n), ...Object.entries(familyTracing)].filter(([name]) =>
      name.endsWith('_LABELS'),
    );
    expect(maps.length).toBe(LABELLED_LISTS.length);
    for (const [, map] of maps) expect(LABELLED_LISTS.some((l) => l.labels === map)).toBe(true);
  });

  it('label() picks the language and falls back to the code', () => {
    expect(label(ROLE_LABELS, 'SUPERVISOR', 'en')).toBe('Supervisor');
    expect(label(ROLE_LABELS, 'SUPERVISOR', 'lo')).toBe('ຫົວໜ້າໜ່ວຍງານ');
    expect(label(URGENCY_LABELS, 'EMERGENCY', 'en')).toContain('24');
    expect(label(WORKFLOW_REFUSAL_LABELS, 'NO_SUCH_REASON', 'lo')).toBe('NO_SUCH_REASON');
    expect(label(ROLE_LABELS, 'toString', 'en')).toBe('toString');
    expect(label(ROLE_LABELS, '__proto__', 'lo')).toBe('__proto__');
  });
});
