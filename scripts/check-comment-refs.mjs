// node scripts/check-comment-refs.mjs   (run by `npm run tools:check`)
//
// Fails when a comment in the code cites a document outside the repository: the product spec
// (`spec/*.md`) or the reference notes (`reference/*.md|json`, `domain-research.md` …) of the
// read-only `shared` folder beside the project. A reader of the repository alone cannot follow such
// a citation; what the code relies on is written in docs/ (docs/domain.md, access.md, workflows.md,
// reference.md, api.md, quality.md), and comments cite those pages and their headings, e.g.
// `docs/workflows.md "Referral"`. It also fails when such a citation (in a comment or in a docs/
// page) names a heading the page does not have, so that renaming a heading cannot leave a comment
// pointing nowhere.
//
// Only comments are read (TypeScript/JavaScript through the TypeScript parser, so strings, template
// literals and regular expressions are never mistaken for comments; `<!-- -->` in HTML; `/* */` and
// `//` in stylesheets). In-repository paths such as `../reference/lao-provinces.json` (libs/domain)
// and API paths such as `/reference/agencies` are not citations of the shared folder.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOTS = ['apps', 'libs', 'migrations', 'tools', 'scripts'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out-tsc', 'tmp', 'coverage', '.angular', '.nx']);
const SCRIPT_KINDS = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};
const STYLE_EXTS = new Set(['.css', '.scss']);
/** This check and its test must name what they forbid. */
const SELF = /(?:^|\/)scripts\/check-comment-refs(?:\.test)?\.mjs$/;

/** What a comment may not cite, each with what it stands for. */
export const FORBIDDEN = [
  // spec/access.md, ../shared/spec/api.md … (not *.spec.ts, not a path that merely ends in spec/)
  { re: /(?<![\w.-])spec\/[\w-]+\.md\b/g, what: 'the product spec (spec/*.md)' },
  // reference/domain-research.md, shared/reference/lao-provinces.json … but not ../reference/x.json
  // (libs/domain's own copies) nor /reference/agencies (an API path)
  { re: /(?<![\w./-])reference\/[\w.-]+\.(?:md|json)\b/g, what: 'the shared reference notes (reference/*)' },
  // ../shared (the folder beside the repository), but not ../shared/ui/… (the portal's own folder)
  {
    re: /(?:\.\.\/)+shared(?=\/(?:spec|reference|hooks)\b|[^\w/-]|$)|\/work\/shared\b|(?<![\w-])shared\/(?:spec|reference)\//g,
    what: 'the shared folder outside the repository',
  },
  {
    re: /\b(?:domain-research|security-targets|stack-notes|peer-systems|model-codebases)(?:\.md)?\b/g,
    what: 'a shared reference note',
  },
];

/** The comments of a TypeScript or JavaScript source, as [start, end) ranges. */
function scriptComments(text, fileName, kind) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const seen = new Map();
  const add = (ranges) => {
    for (const r of ranges ?? []) seen.set(r.pos, r.end);
  };
  const visit = (node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    for (const child of node.getChildren(sf)) visit(child);
  };
  visit(sf);
  // a shebang is not a comment the reader follows
  return [...seen].filter(([pos]) => !(pos === 0 && text.startsWith('#!'))).map(([start, end]) => ({ start, end }));
}

function regexComments(text, re) {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The comment ranges of a file by its extension; null for a file this check does not read. */
export function commentsOf(text, fileName) {
  const ext = extname(fileName);
  if (SCRIPT_KINDS[ext] !== undefined) return scriptComments(text, fileName, SCRIPT_KINDS[ext]);
  if (ext === '.html') return regexComments(text, /<!--[\s\S]*?-->/g);
  if (STYLE_EXTS.has(ext)) return regexComments(text, /\/\*[\s\S]*?\*\/|(?<![:/])\/\/[^\n]*/g);
  return null;
}

function lineOf(text, index) {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Every forbidden citation in the comments of one file: {line, cited, what}. */
export function findOutsideRefs(text, fileName, comments = commentsOf(text, fileName) ?? []) {
  const out = [];
  for (const c of comments) {
    const body = text.slice(c.start, c.end);
    for (const { re, what } of FORBIDDEN) {
      for (const m of body.matchAll(re)) out.push({ line: lineOf(text, c.start + m.index), cited: m[0], what });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** `docs/page.md "Heading"` citations in a comment (a heading may wrap onto the comment's next line). */
const DOC_REF = /\bdocs\/([\w/.-]+\.md) "([^"]+)"/g;

export function docCitations(body) {
  return [...body.matchAll(DOC_REF)].map((m) => ({
    index: m.index,
    page: m[1],
    heading: m[2].replace(/\s*\n\s*(?:\*|\/\/)?\s*/g, ' ').trim(),
  }));
}

/** The headings of a Markdown page (any level), as written after the #s. */
export function headingsOf(markdown) {
  return new Set([...markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => m[1]));
}

function* filesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) yield* filesUnder(join(dir, e.name));
    } else if (e.isFile()) {
      yield join(dir, e.name);
    }
  }
}

export function check(root) {
  const problems = [];
  const headings = new Map();
  const headingExists = (page, heading) => {
    if (!headings.has(page)) {
      let md = null;
      try {
        md = readFileSync(join(root, 'docs', page), 'utf8');
      } catch {
        md = null;
      }
      headings.set(page, md === null ? null : headingsOf(md));
    }
    const h = headings.get(page);
    return h !== null && h !== undefined && h.has(heading);
  };
  const citationsIn = (file, text, ranges) => {
    for (const c of ranges) {
      for (const ref of docCitations(text.slice(c.start, c.end))) {
        if (!headingExists(ref.page, ref.heading)) {
          problems.push({
            file,
            line: lineOf(text, c.start + ref.index),
            cited: `docs/${ref.page} "${ref.heading}"`,
            what: 'a docs/ heading that does not exist',
          });
        }
      }
    }
  };
  let files = 0;
  for (const top of ROOTS) {
    for (const file of filesUnder(join(root, top))) {
      if (commentsOf('', file) === null || SELF.test(file.split('\\').join('/'))) continue;
      files++;
      const text = readFileSync(file, 'utf8');
      const rel = relative(root, file);
      const comments = commentsOf(text, file) ?? [];
      for (const p of findOutsideRefs(text, file, comments)) problems.push({ file: rel, ...p });
      citationsIn(rel, text, comments);
    }
  }
  // the docs pages cite each other the same way
  for (const file of filesUnder(join(root, 'docs'))) {
    if (extname(file) !== '.md') continue;
    const text = readFileSync(file, 'utf8');
    citationsIn(relative(root, file), text, [{ start: 0, end: text.length }]);
  }
  return { files, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const { files, problems } = check(root);
  if (problems.length) {
    for (const p of problems) console.error(`${p.file}:${p.line}: cites ${p.what}: ${p.cited}`);
    console.error(
      `\n${problems.length} citation(s) a reader of the repository cannot follow. Cite a docs/ page and one of its ` +
        `headings instead (e.g. docs/workflows.md "Referral"); if docs/ lacks the fact, write it there in your own words.`,
    );
    process.exit(1);
  }
  console.log(
    `check-comment-refs: ${files} files; every comment cites only the repository, and every docs/ heading cited exists`,
  );
}
