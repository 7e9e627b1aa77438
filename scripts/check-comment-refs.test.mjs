// node --test scripts/check-comment-refs.test.mjs   (run by `npm run tools:check`)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docCitations, findOutsideRefs, headingsOf } from './check-comment-refs.mjs';

const cited = (text, file = 'x.ts') => findOutsideRefs(text, file).map((p) => p.cited);

test('finds citations of the shared spec and reference notes in every kind of comment', () => {
  const src = [
    '/** Relations (spec/access.md). */',
    'const a = 1; // see spec/workflows.md "Referral"',
    '/*',
    ' * Sources: domain-research.md §5.4, reference/security-targets.md, /work/shared/reference/x.json',
    ' */',
    'function f() { /* ../shared/spec/api.md */ }',
  ].join('\n');
  assert.deepEqual(cited(src), [
    'spec/access.md',
    'spec/workflows.md',
    'reference/security-targets.md',
    '/work/shared',
    'domain-research.md',
    'security-targets.md',
    'spec/api.md',
    '../shared',
  ]);
  assert.deepEqual(
    findOutsideRefs(src, 'x.ts').map((p) => p.line),
    [1, 2, 4, 4, 4, 4, 6, 6],
  );
});

test('reads only comments: strings, templates and regular expressions may hold anything', () => {
  const src = [
    "const s = 'spec/access.md';",
    'const t = `// spec/api.md ${s} /* domain-research.md */`;',
    'const r = /\\/\\/ spec\\/quality.md/;',
    "import data from '../reference/lao-provinces.json';",
    "await api('/reference/agencies');",
  ].join('\n');
  assert.deepEqual(cited(src), []);
});

test('in-repository paths and docs/ citations are fine', () => {
  const src = [
    '/** Sources: `../reference/lao-districts.json` (docs/reference.md "Districts"). */',
    '// GET /api/v1/reference/provinces is cacheable; see docs/api.md "Caching"',
    "// case.spec.ts and the e2e spec/ folder are not the product spec; '../shared/ui/picker' neither",
  ].join('\n');
  assert.deepEqual(cited(src), []);
});

test('JavaScript, HTML and stylesheets are read too', () => {
  assert.deepEqual(cited('// spec/domain.md\nexport const x = 1;', 'a.mjs'), ['spec/domain.md']);
  assert.deepEqual(cited('<p>spec/domain.md</p><!-- see spec/access.md -->', 'a.html'), ['spec/access.md']);
  assert.deepEqual(cited('a { b: url(http://x/spec/a.md); } /* stack-notes.md */', 'a.scss'), ['stack-notes.md']);
});

test('reads docs/ citations, a heading wrapped onto the next comment line included', () => {
  const body =
    '/**\n * Who may (docs/access.md "The editor rule"; docs/reference.md "Lao\n * script and romanisation").\n */';
  assert.deepEqual(
    docCitations(body).map(({ page, heading }) => `${page} ${heading}`),
    ['access.md The editor rule', 'reference.md Lao script and romanisation'],
  );
  assert.deepEqual(
    [...headingsOf('# Title\n\ntext\n## The editor rule\n### Case flags ##\n#no heading')],
    ['Title', 'The editor rule', 'Case flags'],
  );
});
