// Writes the four renderings of one report. Everything is rendered before any
// file is touched, each file goes to a temp name in the same directory (same
// filesystem, so rename is atomic) and is renamed only once all four are on
// disk: a failed run never leaves a half-written or mixed set behind.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConformanceReport } from './model';
import { renderHtml } from './render-html';
import { renderJunit } from './render-junit';
import { renderMarkdown } from './render-markdown';

export const REPORT_FILES = ['report.json', 'index.html', 'junit.xml', 'summary.md'] as const;

async function writeDurably(path: string, text: string): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function writeReports(dir: string, report: ConformanceReport): Promise<string[]> {
  const contents: Record<(typeof REPORT_FILES)[number], string> = {
    'report.json': `${JSON.stringify(report, null, 2)}\n`,
    'index.html': renderHtml(report),
    'junit.xml': renderJunit(report),
    'summary.md': renderMarkdown(report),
  };
  await mkdir(dir, { recursive: true });
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const jobs = REPORT_FILES.map((name) => ({ name, final: join(dir, name), temp: join(dir, `.${name}.${tag}.tmp`) }));
  try {
    await Promise.all(jobs.map((j) => writeDurably(j.temp, contents[j.name])));
    for (const j of jobs) await rename(j.temp, j.final);
  } catch (err) {
    await Promise.all(jobs.map((j) => rm(j.temp, { force: true })));
    throw err;
  }
  return jobs.map((j) => j.final);
}
