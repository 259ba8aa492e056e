// The non-HTML renderings of the report model: report.json against its schema,
// JUnit XML (parsed by a real XML parser), the Markdown job summary, and the
// atomic writer.
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { Ajv } from 'ajv';
import { HOSTILE_PAYLOADS, sampleReport } from './fixtures/sample-report';
import type { ConformanceReport } from '../src/report/model';
import { renderJunit, xmlAttr, xmlText } from '../src/report/render-junit';
import { MARKDOWN_MAX_LISTED, mdCode, mdText, renderMarkdown } from '../src/report/render-markdown';
import { REPORT_FILES, writeReports } from '../src/report/write-reports';
import { githubAnnotation } from '../src/report/render-github';
import { sourceOf } from '../src/report/source';

const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schemas', 'report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

test.describe('report.json schema', () => {
  test('sample reports, benign and hostile, validate', () => {
    for (const r of [sampleReport({ scenarios: 300 }), sampleReport({ scenarios: 120, hostile: true })]) {
      const ok = validate(clone(r));
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  test('the sample exercises every optional field, so additionalProperties:false is tested against them', () => {
    const r = sampleReport({ scenarios: 300 });
    const runs = r.scenarios.flatMap((s) => (s.run ? [s.run] : []));
    const checks = runs.flatMap((x) => x.checks);
    const ex = runs.flatMap((x) => x.transcript);
    expect(runs.some((x) => x.omittedExchanges)).toBe(true);
    expect(runs.some((x) => x.leftovers?.length)).toBe(true);
    expect(checks.some((c) => c.instancePath !== undefined && c.details?.length)).toBe(true);
    expect(new Set(checks.map((c) => c.outcome))).toEqual(new Set(['passed', 'failed', 'notRun']));
    expect(runs.some((x) => !x.actual)).toBe(true);
    expect(r.scenarios.some((s) => s.deviation?.stale)).toBe(true);
    expect(ex.some((x) => x.error && !x.response)).toBe(true);
    expect(ex.some((x) => x.response?.truncated)).toBe(true);
    expect(ex.some((x) => x.request.body !== undefined)).toBe(true);
    expect(sampleReport({ scenarios: 30, hostile: true }).provenance.shard).toBeDefined();
  });

  const mutations: [string, (r: ConformanceReport & Record<string, any>) => void][] = [
    ['an unknown scenario status', (r) => ((r.scenarios[0] as any).status = 'skipped')],
    ['a missing scenarioSetHash', (r) => delete (r.provenance as any).scenarioSetHash],
    ['an extra scenario property', (r) => ((r.scenarios[0] as any).note = 'x')],
    ['a missing class', (r) => delete (r.classes as any)['5xx']],
    [
      'an unknown check kind',
      (r) => ((r.scenarios.find((s) => s.run?.checks.length)!.run!.checks[0] as any).kind = 'cookie'),
    ],
    ['a failed scenario without reason', (r) => delete r.scenarios.find((s) => s.status === 'failed')!.reason],
    ['another format version', (r) => ((r as any).formatVersion = 1)],
    [
      'a check without its line',
      (r) => delete (r.scenarios.find((s) => s.run?.checks.length)!.run!.checks[0] as any).line,
    ],
    [
      'a failed check without a message',
      (r) => delete r.scenarios.flatMap((s) => s.run?.checks ?? []).find((c) => c.outcome === 'failed')!.message,
    ],
    ['a code key that is not a code', (r) => ((r.codes as any).abc = r.codes['404'])],
    ['a negative count', (r) => (r.totals.passed = -1)],
    [
      'an exchange without request',
      (r) => delete (r.scenarios.find((s) => s.run?.transcript.length)!.run!.transcript[0] as any).request,
    ],
    [
      'a header value that is not a string',
      (r) => ((r.scenarios.find((s) => s.run?.transcript.length)!.run!.transcript[0].request.headers as any).x = 1),
    ],
  ];
  for (const [what, mutate] of mutations) {
    test(`rejects ${what}`, () => {
      const r = clone(sampleReport({ scenarios: 60 }));
      expect(validate(r)).toBe(true);
      mutate(r);
      expect(validate(r)).toBe(false);
    });
  }
});

test.describe('JUnit XML', () => {
  test('is well-formed for a hostile report, with counts and text intact', async ({ page }) => {
    const r = sampleReport({ scenarios: 200, hostile: true });
    const xml = renderJunit(r);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const num = (e: Element, a: string) => Number(e.getAttribute(a));
      const root = doc.documentElement;
      return {
        parserErrors: doc.getElementsByTagName('parsererror').length,
        root: root.tagName,
        totals: ['tests', 'failures', 'errors', 'skipped'].map((a) => num(root, a)),
        suites: Array.from(doc.querySelectorAll('testsuite')).map((s) => ({
          name: s.getAttribute('name'),
          attrs: ['tests', 'failures', 'errors', 'skipped'].map((a) => num(s, a)),
          children: [
            s.querySelectorAll('testcase').length,
            s.querySelectorAll('testcase > failure').length,
            s.querySelectorAll('testcase > error').length,
            s.querySelectorAll('testcase > skipped').length,
          ],
          props: Object.fromEntries(
            Array.from(s.querySelectorAll(':scope > properties > property')).map((p) => [
              p.getAttribute('name'),
              p.getAttribute('value'),
            ]),
          ),
        })),
        cases: Array.from(doc.querySelectorAll('testcase')).map((c) => {
          const verdict = c.querySelector(':scope > failure, :scope > error, :scope > skipped');
          const prop = (name: string) =>
            c.querySelector(`:scope > properties > property[name="${name}"]`)?.getAttribute('value') ?? null;
          return {
            classname: c.getAttribute('classname'),
            name: c.getAttribute('name'),
            file: c.getAttribute('file'),
            message: verdict?.getAttribute('message') ?? null,
            text: verdict?.textContent ?? null,
            status: prop('conformance.status'),
            deviation: prop('conformance.deviation'),
            out: c.querySelector(':scope > system-out')?.textContent ?? null,
          };
        }),
        // Every attribute value and text node, to look for payloads wherever they went.
        all: Array.from(doc.querySelectorAll('*'))
          .flatMap((e) => [
            ...Array.from(e.attributes).map((a) => a.value),
            ...Array.from(e.childNodes)
              .filter((n) => n.nodeType === 3)
              .map((n) => n.nodeValue),
          ])
          .join('\n'),
      };
    }, xml);
    expect(parsed.parserErrors).toBe(0);
    expect(parsed.root).toBe('testsuites');
    const t = r.totals;
    // Known deviations and not-applicable scenarios are both JUnit's skipped: neither passed nor failed the run.
    expect(parsed.totals).toEqual([t.total, t.failed, t.errored, t.notApplicable + t.knownDeviation]);
    expect(parsed.suites.map((s) => s.name)).toEqual([
      '2xx Success',
      '3xx Redirection',
      '4xx Client Error',
      '5xx Server Error',
    ]);
    for (const s of parsed.suites) {
      const c = r.classes[s.name!.slice(0, 3) as '2xx'];
      expect(s.attrs).toEqual([c.total, c.failed, c.errored, c.notApplicable + c.knownDeviation]);
      expect(s.children).toEqual(s.attrs);
      expect(s.props.targetBaseUrl).toBe(r.provenance.targetBaseUrl);
      expect(s.props.scenarioSetHash).toBe(r.provenance.scenarioSetHash);
      expect(s.props.shard).toBe('1/2');
    }
    expect(parsed.cases).toHaveLength(r.scenarios.length);
    r.scenarios.forEach((s, i) => {
      const c = parsed.cases[i];
      expect(c.classname).toBe(`${s.class}.${s.code}`);
      // A repository path: the scenario folder's place in the repository, then the file.
      expect(c.file).toBe(`${r.provenance.source!.root}/${s.file}`);
      // Skipped three ways, told apart: by the message's start and by the conformance status property.
      expect(c.status).toBe(s.status);
      expect(c.deviation).toBe(s.deviation ? (s.deviation.stale ? 'stale' : 'listed') : null);
      if (s.deviation?.stale) expect(c.out).toContain('remove its entry');
      else expect(c.out).toBeNull();
      if (s.status === 'notApplicable') expect(c.message).toMatch(/^not applicable/);
      if (s.status === 'knownDeviation') expect(c.message).toMatch(/^known deviation/);
      if (s.status === 'notRun') expect(c.message).toMatch(/^not run/);
      if (s.status === 'passed') expect(c.message).toBeNull();
      if (s.status === 'failed' || s.status === 'errored') {
        expect(c.text).toContain(`${s.level.toUpperCase()}-level · cites ${s.doc}`);
        for (const f of s.run?.checks ?? [])
          if (f.outcome !== 'passed') expect(c.text).toContain(`${f.at} (${c.file}:${f.line})`);
        for (const x of s.run?.transcript ?? []) expect(c.text).toContain(`${x.step}: ${x.request.method} `);
      }
    });
    // Payloads survive as text; only characters XML cannot hold are replaced, visibly.
    const names = parsed.cases.map((c) => c.name).join('\n');
    expect(names).toContain('<script>window.__pwned=1</script>');
    expect(names).toContain('</script><script>window.__pwned=1</script>');
    const legal = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd]*$/;
    for (const p of HOSTILE_PAYLOADS.filter((x) => legal.test(x))) expect(parsed.all, p).toContain(p);
    expect(parsed.all).toContain('control\\u0000\\u0001\\u0008\\u000b\\u001b[31mred\u007f\\ufffe\\uffff chars');
    expect(parsed.all).toContain('lone \\ud800 surrogate');
    r.scenarios.forEach((s, i) => {
      if (s.reason && legal.test(s.reason) && !/[\r\n\u2028\u2029]/.test(s.reason) && s.status !== 'notApplicable')
        expect(parsed.cases[i].message).toBe(s.reason.trim());
    });
    // One-line messages: newlines in a reason must not survive into the attribute.
    expect(parsed.cases.every((c) => c.message === null || !/[\r\n]/.test(c.message))).toBe(true);
  });

  test('escaping helpers', () => {
    expect(xmlText('a<b>&c "q" \u0000\uD800')).toBe('a&lt;b&gt;&amp;c "q" \\u0000\\ud800');
    expect(xmlAttr(`<"'&>\n\t`)).toBe('&#60;&#34;&#39;&#38;&#62;&#10;&#9;');
    expect(xmlText('emoji \u{1F600} and \uFFFD stay')).toBe('emoji \u{1F600} and \uFFFD stay');
  });
});

test.describe('Markdown summary', () => {
  /** Table cells split on pipes that are not backslash-escaped. */
  const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length - 2;

  test('escapes pipes, backticks, newlines and HTML in target text', () => {
    const r = sampleReport({ scenarios: 200, hostile: true });
    const md = renderMarkdown(r);
    // The only HTML is our own <sub> wrapper.
    expect(md.replace(/<\/?sub>/g, '')).not.toContain('<');
    expect(md).not.toContain('window.__pwned=1</script>');
    expect(md).toContain('&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;');
    expect(md).toContain('\\| pipe \\| \\`backtick\\` \\*\\*bold\\*\\* \\[link\\]\\(javascript:');
    expect(md).not.toMatch(/[\u0000\u001b\u2028\u2029\u202e]/);
    // Every table row has exactly as many cells as its header.
    const tables = md.split('\n\n').filter((b) => b.startsWith('|'));
    expect(tables.length).toBe(2);
    for (const tbl of tables) {
      const lines = tbl.split('\n').filter((l) => l.startsWith('|'));
      for (const l of lines) expect(cells(l), l).toBe(cells(lines[0]));
    }
    // Failed and errored are listed, with their ids and where in the repository their scenario file is.
    for (const s of r.scenarios.filter((x) => x.status === 'failed' || x.status === 'errored')) {
      expect(md).toContain(mdCode(s.id, 80));
      const line = md.split('\n').find((l) => l.includes(mdCode(s.id, 80)))!;
      expect(line).toContain(mdText(`${r.provenance.source!.root}/${s.file}`, 160));
    }
    // Entries of the known-deviation file that no longer apply are named, so the file can lose them.
    const stale = r.scenarios.filter((s) => s.deviation?.stale);
    expect(stale.length).toBeGreaterThan(0);
    expect(md).toContain(`### Known-deviation entries that no longer apply (${stale.length})`);
    for (const s of stale) expect(md).toContain(`- ${mdCode(s.id, 80)} (listed as answering ${s.deviation!.status})`);
  });

  test('has verdicts and counts, no transcript, and stays short for 10,000 scenarios', () => {
    const r = sampleReport({ scenarios: 10_000 });
    const md = renderMarkdown(r);
    expect(md).toContain(`## Status-code conformance: ❌ fail`);
    const c = r.classes['4xx'];
    expect(md).toContain(
      `| 4xx Client Error | ${c.total.toLocaleString('en-US')} | ${c.passed.toLocaleString('en-US')} | ${c.failed} | ${c.knownDeviation} | ${c.notApplicable} | ${c.errored} | ❌ fail |`,
    );
    expect(md).toMatch(/\| 2xx Success .*⚠️ warn \|/); // only known deviations there
    expect(md).toContain('| 3xx Redirection');
    expect(md).toMatch(/\| 3xx Redirection .*⚠️ warn \|/);
    const listed = md.split('\n').filter((l) => /^\| (❌ failed|⚠️ errored) \|/.test(l));
    expect(listed).toHaveLength(MARKDOWN_MAX_LISTED);
    expect(md).toContain(
      `…and ${(r.totals.failed + r.totals.errored + r.totals.knownDeviation - MARKDOWN_MAX_LISTED).toLocaleString('en-US')} more`,
    );
    expect(md).toContain(r.provenance.scenarioSetHash);
    expect(md).not.toContain('x-request-id');
    expect(md).not.toContain('"data":');
    expect(md.length).toBeLessThan(20_000);
  });

  test('escaping helpers', () => {
    expect(mdText('a|b `c` <i>&\nnext')).toBe('a\\|b \\`c\\` &lt;i&gt;&amp; next');
    expect(mdCode('x`y')).toBe('``x`y``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
  });
});

test.describe('writeReports', () => {
  test('writes the four files, complete, and leaves no temp files', async ({}, testInfo) => {
    const dir = testInfo.outputPath('nested', 'reports');
    const r = sampleReport({ scenarios: 80 });
    const paths = await writeReports(dir, r);
    expect(paths).toEqual(REPORT_FILES.map((f) => join(dir, f)));
    expect((await readdir(dir)).sort()).toEqual([...REPORT_FILES].sort());
    const json = await readFile(join(dir, 'report.json'), 'utf8');
    expect(json.startsWith('{\n  "formatVersion": 2,')).toBe(true);
    expect(JSON.parse(json)).toEqual(clone(r));
    expect(validate(JSON.parse(json))).toBe(true);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<\/testsuites>\n$/);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('Status-code conformance');
    // Rewriting replaces in place.
    await writeReports(dir, sampleReport({ scenarios: 10 }));
    expect((await readdir(dir)).sort()).toEqual([...REPORT_FILES].sort());
    expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')).scenarios).toHaveLength(10);
  });

  test('a report that cannot be rendered leaves the previous files untouched', async ({}, testInfo) => {
    const dir = testInfo.outputPath('reports');
    await writeReports(dir, sampleReport({ scenarios: 10 }));
    const before = await readFile(join(dir, 'report.json'), 'utf8');
    const broken = { ...sampleReport({ scenarios: 10 }), scenarios: null } as unknown as ConformanceReport;
    await expect(writeReports(dir, broken)).rejects.toThrow();
    expect(await readFile(join(dir, 'report.json'), 'utf8')).toBe(before);
    expect((await readdir(dir)).sort()).toEqual([...REPORT_FILES].sort());
  });

  test('a failing write cleans up its temp files', async ({}, testInfo) => {
    const dir = testInfo.outputPath('reports');
    // A directory where junit.xml should go makes its rename fail.
    await mkdir(join(dir, 'junit.xml'), { recursive: true });
    await expect(writeReports(dir, sampleReport({ scenarios: 10 }))).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await rm(dir, { recursive: true });
  });
});

test('hostile payload list covers the brief', () => {
  for (const p of [
    '<script>window.__pwned=1</script>',
    '<img src=x onerror="window.__pwned=1">',
    '</script><script>window.__pwned=1</script>',
    'javascript:',
    '\u2028',
  ]) {
    expect(HOSTILE_PAYLOADS.some((h) => h.includes(p))).toBe(true);
  }
});

test.describe('where a failure is', () => {
  test('the scenario folder is named relative to the repository, with a link only on GitHub over https', () => {
    const ws = '/home/runner/work/suite/suite';
    expect(sourceOf(`${ws}/scenarios`, { GITHUB_WORKSPACE: ws })).toEqual({ root: 'scenarios' });
    expect(
      sourceOf(`${ws}/vendor/scenarios`, {
        GITHUB_WORKSPACE: ws,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/suite',
        GITHUB_SHA: 'abc123',
      }),
    ).toEqual({ root: 'vendor/scenarios', url: 'https://github.com/acme/suite/blob/abc123/vendor/scenarios' });
    // Without GITHUB_WORKSPACE, the working folder is the repository.
    expect(sourceOf('/repo/scenarios', {}, '/repo')).toEqual({ root: 'scenarios' });
    // A catalogue outside the repository has no path a reader could open.
    expect(sourceOf('/elsewhere/scenarios', {}, '/repo')).toBeUndefined();
    expect(sourceOf('/repo', {}, '/repo')).toBeUndefined();
    // An installed package's files are not in the repository's tree on GitHub: a path, no link.
    expect(
      sourceOf(
        '/repo/node_modules/suite/scenarios',
        {
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: 'acme/app',
          GITHUB_SHA: 'abc',
        },
        '/repo',
      ),
    ).toEqual({ root: 'node_modules/suite/scenarios' });
  });

  test('GitHub annotations: failed and errored scenarios only, on the YAML line of the check that failed', () => {
    const r = sampleReport({ scenarios: 300, hostile: true });
    const source = { root: 'scenarios' };
    for (const s of r.scenarios) {
      const line = githubAnnotation(s, source);
      if (s.status !== 'failed' && s.status !== 'errored') {
        expect(line).toBeUndefined();
        continue;
      }
      // One line whatever the target sent, and the file and line of the first failed check.
      expect(line).not.toMatch(/[\r\n]/);
      const [, level, props] = /^::(error|warning) ([^:]*)::/.exec(line!)!;
      expect(level).toBe(s.level === 'must' || s.status === 'errored' ? 'error' : 'warning');
      const check =
        s.run?.checks.find((c) => c.outcome === 'failed') ?? s.run?.checks.find((c) => c.outcome !== 'passed');
      expect(props.split(',').slice(0, 2)).toEqual([`file=scenarios/${s.file}`, `line=${check?.line || 1}`]);
    }
    // Without a repository path there is nothing GitHub could open: the annotation stays on the run.
    const failed = r.scenarios.find((s) => s.status === 'failed')!;
    expect(githubAnnotation(failed, undefined)).toMatch(/^::\w+ title=/);
    // The property and message escapes GitHub's runner expects.
    const odd = { ...failed, id: 'a:b,c', reason: '50% done\r\nnext' };
    const text = githubAnnotation(odd, source)!;
    expect(text).toContain(`title=${failed.code} a%3Ab%2Cc`);
    expect(text).toContain('50%25 done%0D%0Anext');
  });
});
