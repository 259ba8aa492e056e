// Writes the four renderings of one report. Everything is rendered before any
// file is touched, and the set is written atomically: a failed run never
// leaves a half-written file behind.
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { writeFilesAtomic } from '../support/fs-atomic';
import type { ConformanceReport } from './model';
import { renderHtml } from './render-html';
import { renderJunit } from './render-junit';
import { renderMarkdown } from './render-markdown';
import { signReport } from './signature';

export const REPORT_FILES = ['report.json', 'index.html', 'junit.xml', 'summary.md'] as const;

/** Writes the report's renderings; with a signing key, every rendering carries the signed report. */
export async function writeReports(dir: string, unsigned: ConformanceReport, signKey?: KeyObject): Promise<string[]> {
  const report = signKey ? signReport(unsigned, signKey) : unsigned;
  const contents: Record<(typeof REPORT_FILES)[number], string> = {
    'report.json': `${JSON.stringify(report, null, 2)}\n`,
    'index.html': renderHtml(report),
    'junit.xml': renderJunit(report),
    'summary.md': renderMarkdown(report),
  };
  const files = REPORT_FILES.map((name) => ({ path: join(dir, name), text: contents[name] }));
  await writeFilesAtomic(files);
  return files.map((f) => f.path);
}
