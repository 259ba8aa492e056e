// The project documents itself: every local file the README and docs/ link
// to exists, every in-page anchor they link to is there, and the docs name
// every profile variable the suite knows.
import { test, expect } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { KNOWN_VARIABLES } from '../src/contract/stores';
import { TABLE } from '../src/contract/table';
import { packageRoot } from '../src/support/paths';
import { README, readmeWithCoverage } from '../scripts/gen-coverage';

const root = packageRoot();
const pages = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)].filter(
  (p) => p.endsWith('.md') && existsSync(join(root, p)),
);

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes; plus explicit <a id>. */
function anchorsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    out.add(
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1]);
  return out;
}

test('every local link of the README and docs/ leads to a file and anchor that exist', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const page of pages) {
    const text = readFileSync(join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1];
      if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
      checked++;
      const [file, anchor] = link.split('#');
      const target = file ? join(dirname(join(root, page)), file) : join(root, page);
      if (!existsSync(target)) broken.push(`${page}: ${link} (no such file ${relative(root, target)})`);
      else if (anchor && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
        broken.push(`${page}: ${link} (no such anchor)`);
      }
    }
  }
  expect(pages).toEqual(
    expect.arrayContaining(['README.md', 'docs/status-codes.md', 'docs/target-contract.md', 'docs/vendor-guide.md']),
  );
  expect(broken).toEqual([]);
  expect(checked).toBeGreaterThan(10); // the scan does see the links
});

test('the docs give every row an anchor and name every profile variable', () => {
  const table = readFileSync(join(root, 'docs', 'status-codes.md'), 'utf8');
  for (const row of TABLE) expect(anchorsOf(table), `row ${row.code}`).toContain(`row-${row.code}`);
  const contract = readFileSync(join(root, 'docs', 'target-contract.md'), 'utf8');
  for (const v of KNOWN_VARIABLES) expect(contract, v).toContain(v);
});

test("the README's coverage section is what the catalogue gives (npm run gen:coverage)", async () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toContain('scenarios. Scenarios per row and family:');
  expect(await readmeWithCoverage(readme)).toBe(readme);
});
