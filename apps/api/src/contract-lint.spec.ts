import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Decision 0020: a response view is declared once, in libs/domain. The API's and the portal's lint
 * configurations refuse a `…View` interface or type alias; this runs the real ESLint with each
 * project's own configuration (as `nx lint` does, from the project's folder) on a fixture.
 */
const root = resolve(__dirname, '../../..');
const eslint = join(root, 'node_modules/eslint/bin/eslint.js');

const FIXTURE = `export interface CaseSummaryView {
  id: string;
}
export type HandoffSummaryView = { id: string };
export interface CaseDraft {
  id: string;
}
export type Box = 'incoming' | 'outgoing';
`;

interface LintMessage {
  ruleId: string | null;
  severity: number;
  line: number;
  message: string;
}

function lint(project: string, file: string): LintMessage[] {
  const dir = mkdtempSync(join(tmpdir(), 'contract-lint-'));
  const report = join(dir, 'report.json');
  try {
    try {
      execFileSync(
        process.execPath,
        [eslint, '--format', 'json', '--output-file', report, '--stdin', '--stdin-filename', file],
        {
          cwd: join(root, project),
          input: FIXTURE,
          stdio: ['pipe', 'ignore', 'ignore'],
        },
      );
    } catch {
      // ESLint exits 1 when it reports an error: the report is written all the same
    }
    const [result] = JSON.parse(readFileSync(report, 'utf8')) as { messages: LintMessage[] }[];
    // a parsing error (a file the type-aware parser cannot place, decision 0023) would hide the rule
    expect(result.messages.filter((m) => m.ruleId === null)).toEqual([]);
    return result.messages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the shared contract lint rule', () => {
  it.each([
    ['apps/api', 'src/cases/contract-fixture.ts'],
    ['apps/portal', 'src/app/cases/contract-fixture.ts'],
  ])(
    'refuses a view declared in %s, as an error naming libs/domain',
    (project, file) => {
      const hits = lint(project, file).filter((m) => m.ruleId === 'no-restricted-syntax');
      expect(hits.map((m) => [m.line, m.severity])).toEqual([
        [1, 2],
        [4, 2],
      ]);
      expect(hits[0].message).toContain('libs/domain');
    },
    120_000,
  );

  it('lets libs/domain declare them', () => {
    expect(
      lint('libs/domain', 'src/lib/contract-fixture.ts').filter((m) => m.ruleId === 'no-restricted-syntax'),
    ).toEqual([]);
  }, 120_000);
});
