// CONTRIBUTING.md stays true: every file it names exists, every command in
// its code blocks is a real npm script or conformance command, and its
// "Adding a scenario" walk-through works: followed step by step in a temporary
// copy of the project (its example files written, its commands run), it ends
// green; with the pin or the mutant left out, the tests say what is missing.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../src/support/paths';

const root = packageRoot();
const PAGE = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
const WALKTHROUGH = '## Adding a scenario';

interface Example {
  kind: 'scenario' | 'mutant' | 'fault';
  file: string;
  /** `after: LINE` / `before: LINE`: where the snippet goes in an existing file. */
  place?: { where: 'after' | 'before'; line: string };
}
interface Block {
  lang: string;
  code: string;
  /** The `## ` section it is in. */
  section: string;
  /** Set by a `<!-- example:KIND FILE [after|before: LINE] -->` comment just above it. */
  example?: Example;
}

/** The fenced code blocks of a Markdown page, in order, with their section and example marker. */
function blocksOf(md: string): Block[] {
  const out: Block[] = [];
  let section = '';
  let example: Example | undefined;
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('## ')) section = line;
    const marker = /^<!-- example:(scenario|mutant|fault) (\S+)(?: (after|before): (.+?))? -->$/.exec(line);
    if (marker) {
      const [, kind, file, where, at] = marker;
      example = { kind: kind as Example['kind'], file, ...(where ? { place: { where, line: at } } : {}) } as Example;
    }
    const fence = /^```(\w*)$/.exec(line);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    out.push({ lang: fence[1], code: lines.slice(i + 1, end).join('\n'), section, ...(example ? { example } : {}) });
    example = undefined;
    i = end;
  }
  return out;
}

const BLOCKS = blocksOf(PAGE);
/** Each shell command line (comments dropped), split at `&&`. */
const COMMANDS = BLOCKS.filter((b) => b.lang === 'sh').flatMap((b) =>
  b.code
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean)
    .flatMap((l) => l.split('&&').map((c) => c.trim())),
);
/** Files the walk-through creates: they need not exist in the project. */
const CREATED = BLOCKS.filter((b) => b.example?.kind === 'scenario').map((b) => b.example!.file);

const npmScripts = Object.keys(
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);
const cliCommands = [
  ...spawnSync(process.execPath, ['--', join(root, 'dist', 'src', 'cli.js'), 'help'], {
    encoding: 'utf8',
  }).stdout.matchAll(/^ {2}conformance (\w+)/gm),
].map((m) => m[1]);

/** Looks like a path in the project: `a/b.ts`, `a/b/`, `scenarios/`, `README.md`; placeholders (`<id>`) are not. */
const isPath = (s: string) =>
  /^[\w.-]+(\/[\w.-]+)*\/?$/.test(s) && (s.includes('/') || /\.(ts|md|ya?ml|json|sh|txt)$/.test(s));

test('every file and folder CONTRIBUTING.md names exists', () => {
  const prose = PAGE.replace(/```[\s\S]*?```/g, '');
  const named = new Set([
    ...[...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]),
    ...[...prose.matchAll(/\]\(([^)\s#]+)/g)].map((m) => m[1]),
    ...COMMANDS.flatMap((c) => c.split(/\s+/)),
  ]);
  const paths = [...named].filter(isPath);
  const missing = paths.filter((p) => !CREATED.includes(p) && !existsSync(join(root, p)));
  expect(missing).toEqual([]);
  // The scan does see the page's paths, and every example goes into a file of the project.
  expect(paths.length).toBeGreaterThan(40);
  for (const b of BLOCKS.filter((b) => b.example?.place)) expect(existsSync(join(root, b.example!.file))).toBe(true);
});

test('every command in its code blocks is a real npm script, conformance command or project file', () => {
  const problems: string[] = [];
  for (const command of COMMANDS) {
    const [first, second, third, ...rest] = command.split(/\s+/);
    const args = [third, ...rest].filter(Boolean);
    if (first === 'npm' && (second === 'ci' || second === 'test')) continue;
    if (first === 'npm' && second === 'run' && npmScripts.includes(third)) continue;
    if (first === 'npx' && second === 'conformance' && cliCommands.includes(third)) continue;
    if (first === 'npx' && second === 'playwright' && third === 'test') {
      const files = args.filter((a) => a.endsWith('.ts'));
      if (files.length < 2) problems.push(`${command}: names no config and spec`);
      continue; // the files are checked with every other path of the page
    }
    if (first === 'npx' && second === 'prettier' && ['--write', '--check'].includes(third)) continue;
    if (first === 'echo' || (first === 'LC_ALL=C' && second === 'sort')) continue;
    problems.push(`${command}: not an npm script, a conformance command or a known tool`);
  }
  expect(problems).toEqual([]);
  expect(COMMANDS.some((c) => c.startsWith('npx conformance lint'))).toBe(true);
  expect(COMMANDS.some((c) => c.startsWith('npx conformance run -- --grep'))).toBe(true);
});

/** The environment of a contributor's shell: no target profile, no other catalogue, no colours. */
function contributorEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(TARGET_|CONFORMANCE_)/.test(k) && k !== 'FORCE_COLOR'),
  );
  return { ...env, NO_COLOR: '1' };
}

function sh(cwd: string, command: string): { code: number; output: string } {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', command], {
    cwd,
    env: contributorEnv(),
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

/** Puts a snippet into a file after or before its one anchor line, indented as that place of the file is. */
function insert(file: string, example: Example, snippet: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.flatMap((l, i) => (l.trim() === example.place!.line.trim() ? [i] : []));
  expect(
    at,
    `CONTRIBUTING.md puts its example ${example.kind} ${example.place!.where} "${example.place!.line}" in ${example.file}: update the example`,
  ).toHaveLength(1);
  const anchor = lines[at[0]];
  const indent =
    anchor.slice(0, anchor.length - anchor.trimStart().length) + (example.place!.where === 'after' ? '  ' : '');
  const body = snippet.split('\n').map((l) => (l ? indent + l : l));
  lines.splice(example.place!.where === 'after' ? at[0] + 1 : at[0], 0, ...body);
  writeFileSync(file, lines.join('\n'));
}

const OUTPUTS = new Set([
  'node_modules',
  'dist',
  '.git',
  'test-results',
  'conformance-report',
  'blob-report',
  'playwright-report',
]);

test('the walk-through, followed in a copy of the project, ends green; without the pin or the mutant it fails', async () => {
  test.setTimeout(300_000);
  const copy = mkdtempSync(join(tmpdir(), 'conformance-contributing-'));
  try {
    cpSync(root, copy, {
      recursive: true,
      filter: (src) => src === root || !OUTPUTS.has(src.slice(root.length + 1).split('/')[0]),
    });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');

    const steps = BLOCKS.filter((b) => b.section === WALKTHROUGH && (b.example || b.lang === 'sh'));
    expect(steps.map((b) => b.example?.kind ?? b.lang)).toEqual(['scenario', 'sh', 'sh', 'mutant', 'fault', 'sh']);
    let lastRun = '';
    for (const step of steps) {
      if (step.example?.kind === 'scenario') {
        const file = join(copy, step.example.file);
        expect(existsSync(file), `${step.example.file} is new`).toBe(false);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${step.code}\n`);
      } else if (step.example) {
        insert(join(copy, step.example.file), step.example, step.code);
      } else {
        for (const line of step.code.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'))) {
          const r = sh(copy, line);
          expect(r.code, `${line}\n${r.output.slice(-6000)}`).toBe(0);
          lastRun = r.output;
        }
      }
    }
    // The last command ran the checks, the new mutant's among them, and nothing failed or was skipped.
    expect(lastRun).toContain('mutant unknown-path-200');
    expect(lastRun).toMatch(/\d+ passed/);
    expect(lastRun).not.toMatch(/\d+ (failed|skipped|flaky|did not run)/);
    expect(readFileSync(join(copy, 'README.md'), 'utf8')).not.toBe(readFileSync(join(root, 'README.md'), 'utf8'));

    // Leave out the pin and the mutant: each test that guards them fails, naming the new id.
    const leftOut = [
      'tests/fixtures/pinned-ids.txt',
      ...steps.flatMap((b) => (b.example?.place ? [b.example.file] : [])),
    ];
    for (const f of leftOut) cpSync(join(root, f), join(copy, f));
    const r = sh(
      copy,
      'npx playwright test -c tests/playwright.config.ts tests/catalogue-coverage.spec.ts tests/reference.spec.ts --grep "pinned|mutants cover" --workers=1',
    );
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(/2 failed/);
    expect(r.output).toContain('a new scenario: add its id to tests/fixtures/pinned-ids.txt');
    expect(r.output.match(/"404-unknown-subpath"/g)?.length, r.output).toBeGreaterThanOrEqual(2);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
