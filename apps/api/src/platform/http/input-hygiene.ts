import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailed, type FieldProblems } from './errors';

/**
 * The edge's first look at every body, query and path parameter, before validation and before
 * anything recursive (class-transformer, class-validator) touches it (decision 0012):
 * - nesting deeper than MAX_INPUT_DEPTH is refused at once (100,000-deep JSON overflowed the stack
 *   in validation, before authentication on the login route);
 * - a NUL byte or a lone UTF-16 surrogate in any string or property name is refused (PostgreSQL
 *   cannot store U+0000 in text, and a lone surrogate is silently turned into U+FFFD);
 * - `__proto__`, `constructor` and `prototype` as property names are refused rather than stripped;
 * - more than MAX_INPUT_VALUES values in all are refused at once (60,000 unknown keys in 650 kB took
 *   2.4 s of validation and drew a 4 MB list of problems, before authentication).
 * The walk is iterative with an explicit stack, so no input can overflow it, and stops at the first
 * depth violation. Each problem names the field as a dotted path (`bioData.documents.0.number`).
 */
export const MAX_INPUT_DEPTH = 32;
/** values in one body, query or parameter, containers included: the largest real body (a case or a screening) holds under 1,000 */
export const MAX_INPUT_VALUES = 10_000;
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** at most this many problems are reported: a body of 100,000 NUL strings gets a short answer */
const MAX_PROBLEMS = 20;
/** field names echo what the client sent: keep each segment short */
const MAX_SEGMENT = 64;

// a NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with this text, or null: a NUL byte or a lone surrogate. */
export function textProblem(s: string): string | null {
  const m = BAD_TEXT.exec(s);
  if (!m) return null;
  return m[0] === '\u0000'
    ? 'must not contain a NUL byte (U+0000)'
    : 'must not contain a lone UTF-16 surrogate (invalid Unicode)';
}

interface Frame {
  value: unknown;
  key: string;
  parent: Frame | null;
  depth: number;
}

function safeSegment(key: string): string {
  // eslint-disable-next-line no-control-regex -- control characters and surrogates never go back to the client
  const cleaned = key.replace(/[\u0000-\u001f\ud800-\udfff]/g, '\ufffd');
  return cleaned.length > MAX_SEGMENT ? `${cleaned.slice(0, MAX_SEGMENT)}…` : cleaned;
}

function pathOf(f: Frame): string {
  const parts: string[] = [];
  for (let x: Frame | null = f; x; x = x.parent) if (x.key !== '') parts.push(safeSegment(x.key));
  return parts.reverse().join('.');
}

/**
 * Problems of one request value (a body, a query object or a path parameter), `root` naming it when
 * it is a single parameter. Empty when the value is clean.
 */
export function inputProblems(value: unknown, root = ''): FieldProblems {
  const out: FieldProblems = [];
  const add = (f: Frame, problem: string, field = pathOf(f)) =>
    out.push({ field: field || root || 'body', problems: [problem] });
  const stack: Frame[] = [{ value, key: root, parent: null, depth: 0 }];
  let seen = 0;
  while (stack.length && out.length < MAX_PROBLEMS) {
    const f = stack.pop() as Frame;
    if (++seen > MAX_INPUT_VALUES)
      return [{ field: root || 'body', problems: [`holds more than ${MAX_INPUT_VALUES} values`] }];
    const v = f.value;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) add(f, p);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (f.depth >= MAX_INPUT_DEPTH) {
      // stop here: nothing below this point is looked at, by us or by anything after us
      return [{ field: pathOf(f) || root || 'body', problems: [`nests deeper than ${MAX_INPUT_DEPTH} levels`] }];
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      const child: Frame = { value: (v as Record<string, unknown>)[k], key: k, parent: f, depth: f.depth + 1 };
      if (FORBIDDEN_KEYS.has(k)) {
        add(child, `property name ${k} is not allowed`);
        continue;
      }
      const kp = textProblem(k);
      if (kp) {
        add(child, `property name ${kp}`);
        continue;
      }
      stack.push(child);
    }
  }
  return out;
}

/**
 * Global pipe, registered before the ValidationPipe: refuses a body, query or path parameter with a
 * problem above as a 400 in the one error shape, `details` naming each field.
 */
@Injectable()
export class InputHygienePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // custom parameter decorators (the actor, an uploaded file) are built by the server, not sent
    if (metadata.type === 'custom') return value;
    const problems = inputProblems(value, metadata.data ?? '');
    if (problems.length) throw new ValidationFailed(problems);
    return value;
  }
}
